import ArgumentParser
import Converters
import JSON

extension Format: ExpressibleByArgument {}
extension ContainerWriter.Layout: ExpressibleByArgument {}
extension Container: ExpressibleByArgument {}
extension AmplitudeShape: ExpressibleByArgument {}
