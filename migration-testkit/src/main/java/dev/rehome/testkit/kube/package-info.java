/**
 * An in-process Kubernetes API for tests and the sandbox: fabric8's mock API server in CRUD mode (real HTTP, real
 * JSON) plus what a real cluster adds on top of stored objects. Pod exec and port-forward are answered with real
 * WebSockets whose far end is a local process or a local server bound to the pod ({@link
 * dev.rehome.testkit.kube.PodEnvironment}), a fake kubelet turns Deployments and Jobs into Pods and processes, and
 * a fake CNPG operator completes Backups. Everything keeps the limits of the real protocol (exec v4 has no
 * end-of-stdin), so a test that would hang against a real cluster hangs here too.
 */
package dev.rehome.testkit.kube;
