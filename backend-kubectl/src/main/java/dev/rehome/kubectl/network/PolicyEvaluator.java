package dev.rehome.kubectl.network;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy semantics for one direction: a pod is isolated for that direction when some policy selects it
 * and covers the direction ({@code policyTypes}, or implied: Ingress always, Egress when egress rules exist);
 * an isolated pod accepts a connection only when some rule of some selecting policy admits the peer and port.
 * Policies are additive, so order does not matter. ipBlock peers cannot be judged from labels and are reported.
 */
final class PolicyEvaluator {
    enum Direction { INGRESS, EGRESS }

    /** Result for one direction: allowed or not, and why, one line per policy considered. */
    record Decision(boolean allowed, List<String> reasons) {
    }

    private PolicyEvaluator() {
    }

    /**
     * Decides whether {@code subject} (the pod the policies protect) accepts ({@code INGRESS}) or may open
     * ({@code EGRESS}) a connection with {@code peer} on {@code port} (with {@code portNames} resolving named ports).
     */
    static Decision decide(List<NetworkPolicy> policies, Direction direction, Endpoint subject, Endpoint peer,
                           int port, Map<String, Integer> portNames) {
        List<String> reasons = new ArrayList<>();
        boolean isolated = false;
        for (NetworkPolicy p : policies) {
            if (!LabelSelectors.matches(p.getSpec().getPodSelector(), subject.podLabels()) || !covers(p, direction)) {
                continue;
            }
            isolated = true;
            String name = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
            var rules = direction == Direction.INGRESS
                    ? p.getSpec().getIngress().stream().map(r -> new Rule(r.getFrom(), r.getPorts())).toList()
                    : p.getSpec().getEgress().stream().map(r -> new Rule(r.getTo(), r.getPorts())).toList();
            for (Rule rule : rules) {
                if (portMatches(rule.ports(), port, portNames) && peerMatches(rule.peers(), subject, peer, reasons, name)) {
                    reasons.add("NetworkPolicy " + name + " admits it");
                    return new Decision(true, reasons);
                }
            }
            reasons.add("NetworkPolicy " + name + " selects the pods but no rule admits " + peer.namespace()
                    + " on port " + port);
        }
        if (!isolated) {
            reasons.add("no NetworkPolicy in " + subject.namespace() + " restricts "
                    + (direction == Direction.INGRESS ? "ingress to" : "egress from") + " these pods");
        }
        return new Decision(!isolated, reasons);
    }

    private record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    }

    private static boolean covers(NetworkPolicy p, Direction direction) {
        List<String> types = p.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            return direction == Direction.INGRESS || !p.getSpec().getEgress().isEmpty();
        }
        return types.contains(direction == Direction.INGRESS ? "Ingress" : "Egress");
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port, Map<String, Integer> portNames) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!"TCP".equals(protocol)) {
                continue;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            int from = value.getIntVal() != null ? value.getIntVal()
                    : portNames.getOrDefault(value.getStrVal(), -1);
            int to = p.getEndPort() != null ? p.getEndPort() : from;
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(List<NetworkPolicyPeer> peers, Endpoint subject, Endpoint peer,
                                       List<String> reasons, String policy) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer p : peers) {
            if (p.getIpBlock() != null) {
                reasons.add("NetworkPolicy " + policy + " has an ipBlock peer " + p.getIpBlock().getCidr()
                        + ", which cannot be judged from labels (pod IPs change)");
                continue;
            }
            boolean namespaceOk = p.getNamespaceSelector() == null
                    ? peer.namespace().equals(subject.namespace())
                    : LabelSelectors.matches(p.getNamespaceSelector(), peer.namespaceLabels());
            boolean podOk = p.getPodSelector() == null || LabelSelectors.matches(p.getPodSelector(), peer.podLabels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }
}
