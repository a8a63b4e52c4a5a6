package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cluster DNS and kube-proxy for processes the fake kubelet runs: each Service gets a loopback address of its own
 * (Linux routes all of 127.0.0.0/8 to {@code lo}), and on it a {@link LoopbackForwarder} per Service port relays to
 * the local port of a Running pod the Service selects (the server bound to that pod with
 * {@link InProcessCluster#bindPod}). Pods are looked up per connection, so a pod bound later, or a new primary,
 * is reached without restarting anything. Addresses are picked at random in 127.16.0.0-127.254.255.255 and retried
 * when taken, since other test JVMs on the machine do the same.
 */
final class ServiceNetwork implements AutoCloseable {
    private final KubernetesClient client;
    private final PodEnvironments pods;
    private final Map<String, InetAddress> addresses = new ConcurrentHashMap<>();
    private final List<LoopbackForwarder> forwarders = new ArrayList<>();

    /** The environments bound to pods, by namespace and name. */
    @FunctionalInterface
    interface PodEnvironments {
        Optional<PodEnvironment> of(String namespace, String pod);
    }

    ServiceNetwork(KubernetesClient client, PodEnvironments pods) {
        this.client = client;
        this.pods = pods;
    }

    /** Every Service in the cluster, as its DNS names resolve from {@code namespace}, mapped to its loopback address. */
    synchronized ServiceNames namesFrom(String namespace) {
        ServiceNames names = new ServiceNames(namespace);
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            names.add(service.getMetadata().getNamespace(), service.getMetadata().getName(), addressOf(service));
        }
        return names;
    }

    private String addressOf(Service service) {
        String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        InetAddress address = addresses.get(key);
        if (address == null) {
            address = listen(service);
            addresses.put(key, address);
        }
        return address.getHostAddress();
    }

    private InetAddress listen(Service service) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
                ? List.of() : service.getSpec().getPorts();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            InetAddress address = randomLoopback();
            List<LoopbackForwarder> opened = new ArrayList<>();
            try {
                for (ServicePort port : ports) {
                    opened.add(LoopbackForwarder.open(address, port.getPort(), () -> endpoint(service, port)));
                }
                forwarders.addAll(opened);
                return address;
            } catch (IOException e) {
                opened.forEach(LoopbackForwarder::close);
                last = e;
            }
        }
        throw new IllegalStateException("no free loopback address for Service " + service.getMetadata().getName(), last);
    }

    /** The local address of a Running pod selected by the Service that has the target port bound. */
    private Optional<InetSocketAddress> endpoint(Service service, ServicePort port) {
        String ns = service.getMetadata().getNamespace();
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return Optional.empty();
        }
        int target = targetPort(port);
        for (Pod pod : client.pods().inNamespace(ns).withLabels(selector).list().getItems()) {
            boolean running = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
            Optional<InetSocketAddress> local = pods.of(ns, pod.getMetadata().getName())
                    .map(env -> env.ports().get(target));
            if (running && local.isPresent()) {
                return local;
            }
        }
        return Optional.empty();
    }

    private static int targetPort(ServicePort port) {
        IntOrString target = port.getTargetPort();
        return target != null && target.getIntVal() != null ? target.getIntVal() : port.getPort();
    }

    private static InetAddress randomLoopback() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] ip = {127, (byte) r.nextInt(16, 255), (byte) r.nextInt(0, 256), (byte) r.nextInt(1, 255)};
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        forwarders.forEach(LoopbackForwarder::close);
        forwarders.clear();
        addresses.clear();
    }
}
