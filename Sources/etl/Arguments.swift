import ArgumentParser
import Converters

extension Format: ExpressibleByArgument {}
extension ContainerWriter.Layout: ExpressibleByArgument {}
extension Container: ExpressibleByArgument {}
extension AmplitudeShape: ExpressibleByArgument {}
