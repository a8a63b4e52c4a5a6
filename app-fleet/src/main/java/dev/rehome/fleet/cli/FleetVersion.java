package dev.rehome.fleet.cli;

import picocli.CommandLine;

/** The version from the jar manifest ({@code Implementation-Version}), {@code dev} when run from classes. */
final class FleetVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = FleetMain.class.getPackage().getImplementationVersion();
        return new String[] {"rehome-fleet " + (v == null ? "dev" : v)};
    }
}
