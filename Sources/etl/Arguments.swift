import ArgumentParser
import Converters

extension Format: ExpressibleByArgument {}
extension ContainerWriter.Layout: ExpressibleByArgument {}
extension AmplitudeShape: ExpressibleByArgument {}
