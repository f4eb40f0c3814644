import ArgumentParser
import Converters

extension Format: @retroactive ExpressibleByArgument {}
extension ContainerWriter.Layout: @retroactive ExpressibleByArgument {}
