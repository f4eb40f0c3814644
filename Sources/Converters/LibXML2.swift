import CLibXML2

/// libxml2's version, for `etl --version` and bug reports. (The XML container's reader and
/// writer will wrap the rest of libxml2 here.)
public var libxml2VersionString: String { LIBXML_DOTTED_VERSION }
