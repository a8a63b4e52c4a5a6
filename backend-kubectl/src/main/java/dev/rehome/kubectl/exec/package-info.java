/**
 * Running programs where the databases are: in a pod through the exec API ({@link
 * dev.rehome.kubectl.exec.PodExecCommandRunner}), from one pod to another through this process ({@link
 * dev.rehome.kubectl.exec.PodToPodPipe}), and entirely inside the cluster as a Job ({@link
 * dev.rehome.kubectl.exec.InClusterJobRunner}).
 *
 * <p>fabric8 8.0.0 speaks only {@code v4.channel.k8s.io}, which cannot tell a remote program that its stdin ended
 * (fabric8 #5159, kubernetes #89899): streaming out of a pod is safe, streaming into one is not. Load paths here
 * therefore end on their own: a spooled upload whose remote command knows the byte count
 * ({@link dev.rehome.kubectl.exec.SpooledUploadCommandRunner}), a port-forward plus a local client, or a Job.
 */
package dev.rehome.kubectl.exec;
