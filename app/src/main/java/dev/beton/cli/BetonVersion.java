package dev.beton.cli;

import picocli.CommandLine;

final class BetonVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = BetonCli.class.getPackage().getImplementationVersion();
        return new String[] {"beton " + (version == null ? "(development build)" : version)};
    }
}
