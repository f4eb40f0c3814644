import Converters
import FuzzSupport
import JSON
import Schemas

/// One record through the whole conversion, as the pipeline does it: parse, every reader,
/// the validator, every writer. Properties: no crash; whatever a writer encodes is valid JSON;
/// a reader's stream reads what its tree reader reads; the Braze writer's bytes are the JSON of
/// the encoder's object.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = fuzzBytes(data, size)
    var parser = JSONParser()
    // A reader's stream must give nothing or exactly what the tree path gives.
    for format in Format.allCases {
        let reader = format.makeReader()
        var streamNotes = Notes()
        guard let streamed = input.withUnsafeBytes({ reader.readStreaming($0, parser: &parser, notes: &streamNotes) }) else { continue }
        let tree = input.withUnsafeBytes { bytes -> JSONValue? in try? parser.parse(bytes) }
        fuzzCheck(tree != nil && parser.duplicateKeys.isEmpty, "\(format): streamed a record the parser refuses or has repeated keys")
        var treeNotes = Notes()
        let read = tree.flatMap { try? reader.read($0, notes: &treeNotes) }
        fuzzCheck(read == streamed, "\(format): the stream read another profile than the tree")
        fuzzCheck(treeNotes.warnings == streamNotes.warnings && treeNotes.normalised == streamNotes.normalised
            && treeNotes.unmapped == streamNotes.unmapped, "\(format): the stream noted other things than the tree")
    }
    guard let value = input.withUnsafeBytes({ bytes -> JSONValue? in try? parser.parse(bytes) }) else { return 0 }
    let validator = ProfileValidator(defaultRegion: PhoneRegion("US"))
    let writers = Format.allCases.map { f in (f, f.makeWriter(WriterOptions())) }
    for format in Format.allCases {
        let reader = format.makeReader()
        var notes = Notes()
        guard var profile = try? reader.read(value, notes: &notes) else { continue }
        validator.validate(&profile, notes: &notes)
        // The Braze writers write the attributes object straight to bytes: the object's JSON.
        var direct: [UInt8] = []
        var directNotes = Notes()
        if (try? BrazeAttributesWriter(limits: Limits()).encode(profile, into: &direct, notes: &directNotes)) != nil {
            var objectNotes = Notes()
            let object = try? BrazeAttributesEncoder(limits: Limits()).encode(profile, notes: &objectNotes)
            var expected: [UInt8] = []
            if let object { JSONWriter.write(.object(object), to: &expected) }
            fuzzCheck(object != nil && direct == expected && directNotes.warnings == objectNotes.warnings,
                      "\(format): braze-attributes bytes are not the encoder's object")
        }
        for (writerFormat, writer) in writers {
            var encoded: [UInt8] = []
            var writeNotes = Notes()
            guard (try? writer.encode(profile, into: &encoded, notes: &writeNotes)) != nil else { continue }
            let parses = encoded.withUnsafeBytes { bytes in (try? parser.parse(bytes)) != nil }
            fuzzCheck(parses, "\(format) -> \(writerFormat) wrote invalid JSON: \(String(decoding: encoded, as: UTF8.self))")
        }
    }
    return 0
}
