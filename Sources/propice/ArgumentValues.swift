import ArgumentParser
import Logging
import PropiceGeometry
import PropiceServer

/// An EPCI's SIREN on the command line: nine digits.
extension EPCICode: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--log-format json|text`.
extension PropiceServer.LogFormat: ExpressibleByArgument {}

/// `--log-level trace|debug|info|notice|warning|error|critical`.
extension Logger.Level: @retroactive ExpressibleByArgument {}
