import JSON
import Schemas
import Testing

@testable import Converters

/// The XML container: the JSON <-> XML mapping both ways, record framing, rejects of malformed
/// record elements, and document faults (hardening).
@Suite struct XMLContainerTests {
    /// Values written to the XML container, then read back as frames' JSON bytes.
    static func roundTrip(_ records: [String], maxRecordBytes: Int = 1 << 24) throws -> (xml: String, back: [String]) {
        let sink = IOTestSupport.CollectingSink()
        var out = ContainerWriter(layout: .xml, sink: sink)
        for record in records { out.value { $0.append(contentsOf: record.utf8) } }
        try out.finish()
        let back = try frames(sink.bytes, maxRecordBytes: maxRecordBytes).map { frame in
            #expect(frame.rejectReason == nil)
            return frame.json
        }
        return (String(decoding: sink.bytes, as: UTF8.self), back)
    }

    struct ReadFrame {
        var json: String
        var number: Int
        var rejectReason: Reject?
        var isOversized: Bool
    }

    static func frames(_ bytes: [UInt8], chunkSizes: [Int] = [], maxRecordBytes: Int = 1 << 24,
                       container: Container? = nil) throws(InputFault) -> [ReadFrame] {
        let reader = FrameReader(source: MemorySource(bytes, chunkSizes: chunkSizes), container: container,
                                  maxRecordBytes: maxRecordBytes)
        var result: [ReadFrame] = []
        while let frame = try reader.next() {
            result.append(ReadFrame(json: String(decoding: frame.bytes, as: UTF8.self), number: frame.number,
                                    rejectReason: frame.rejectReason, isOversized: frame.isOversized))
        }
        #expect(reader.container == .xml)
        return result
    }

    static func fault(_ text: String) -> InputFault? {
        do throws(InputFault) {
            _ = try frames(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    // MARK: mapping

    @Test func everyTypeWeirdKeysExactNumbersAndOrder() throws {
        let records = [
            #"{"s":"text","n":-0.10e+05,"i":12345678901234567890123,"t":true,"f":false,"z":null}"#,
            #"{"":"","empty":{},"list":[],"nested":[[{"a":[1,{"b":null}]}]],"z":1,"a":2}"#,
            #"{"not an XML name":1,"<&>\"'":"<&>\"' ]]>","1st":"é中😀","k\n\t\r":"a\r\nb\tc  "}"#,
            #"["top","level",1]"#, #""just a string""#, "42", "null", "true",
        ]
        let (_, back) = try Self.roundTrip(records)
        #expect(back == records)
    }

    @Test func charactersXMLCannotHoldAreEscaped() throws {
        let records = [
            #"{"a\u0001b":"x\u0000y\u001f\\z\"","plain":"\ufffe\uffff"}"#,
            #"["\u0008\u000c",{"k":"back\\slash"}]"#,
        ]
        let (xml, back) = try Self.roundTrip(records)
        #expect(xml.contains(#"<string name="a\u0001b" escaped="true">x\u0000y\u001f\\z\&quot;</string>"#))
        #expect(xml.contains(#"<string name="plain" escaped="true">\ufffe\uffff</string>"#))
        #expect(xml.contains(#"<string name="k">back\slash</string>"#))
        // The escapes come back as written; the parser reads them as the same characters.
        #expect(back.map(Self.canonical) == records.map(Self.canonical))
        #expect(back[0] == records[0])
    }

    @Test func writtenDocumentIsExact() throws {
        let (xml, _) = try Self.roundTrip([#"{"id":"u1","n":1.50,"ok":true,"no":null,"tags":["a",""],"o":{}}"#, "[]"])
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <records>
            <object><string name="id">u1</string><number name="n">1.50</number><boolean name="ok">true</boolean>\
            <null name="no"/><array name="tags"><string>a</string><string/></array><object name="o"/></object>
            <array/>
            </records>

            """)
        let (empty, none) = try Self.roundTrip([])
        #expect(empty == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n</records>\n")
        #expect(none.isEmpty)
    }

    @Test func readsOtherToolsLayout() throws {
        // Any root name, a declaration in another encoding, comments, CDATA, pretty-printing.
        let xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!-- export -->
            <users>
              <object>
                <string name="a"><![CDATA[<b>]]> &amp; &#233;</string>
                <number name="n">7</number>
              </object>
              <?pi ignored?>
              <object/>
            </users>
            """
        let frames = try Self.frames(Array(xml.utf8))
        #expect(frames.map(\.json) == [#"{"a":"<b> & é","n":7}"#, "{}"])
        #expect(frames.map(\.number) == [1, 2])
    }

    @Test(arguments: [1, 3, 7, 512, 4096])
    func chunkingDoesNotMatter(_ chunk: Int) throws {
        let records = (0..<50).map { #"{"id":"user-\#($0)","v":[\#($0),"\#(String(repeating: "x", count: $0 * 7))"]}"# }
        let sink = IOTestSupport.CollectingSink()
        var out = ContainerWriter(layout: .xml, sink: sink)
        for record in records { out.value { $0.append(contentsOf: record.utf8) } }
        try out.finish()
        let frames = try Self.frames(sink.bytes, chunkSizes: [chunk])
        #expect(frames.map(\.json) == records)
    }

    @Test func emptyRootAndByteOrderMark() throws {
        #expect(try Self.frames(Array("<records/>".utf8)).isEmpty)
        #expect(try Self.frames([0xEF, 0xBB, 0xBF] + Array("<r><null/></r>".utf8)).map(\.json) == ["null"])
    }

    // MARK: malformed records are rejects; the stream goes on

    @Test(arguments: [
        ("<number>01</number>", "not a JSON number"),
        ("<number> 1</number>", "not a JSON number"),
        ("<boolean>yes</boolean>", "not true or false"),
        ("<null>x</null>", "inside <null>"),
        ("<foo/>", "not a JSON value element"),
        ("<object><string>no key</string></object>", "without a name attribute"),
        ("<array><string name=\"k\">x</string></array>", "name attribute outside an object"),
        ("<string>a<b/></string>", "element inside <string>"),
        ("<object>text</object>", "text inside <object>"),
        ("<string colour=\"red\">x</string>", "unexpected attribute"),
        ("<string escaped=\"true\">a\"b</string>", "not a JSON string body"),
        ("<string escaped=\"true\">a\\qb</string>", "not a JSON string body"),
    ])
    func malformedRecordIsRejected(_ element: String, _ reason: String) throws {
        let xml = "<records><string>before</string>\(element)<string>after</string></records>"
        let frames = try Self.frames(Array(xml.utf8))
        #expect(frames.count == 3)
        #expect(frames.map(\.number) == [1, 2, 3])
        #expect(frames[0].json == #""before""# && frames[2].json == #""after""#)
        let reject = try #require(frames[1].rejectReason)
        #expect(reject.code == .invalidXML)
        #expect(reject.message.contains(reason), "\(reject.message)")
    }

    @Test func nestingOverTheLimitIsRejected() throws {
        let deep = String(repeating: "<array>", count: 130) + String(repeating: "</array>", count: 130)
        let frames = try Self.frames(Array("<r>\(deep)<null/></r>".utf8))
        #expect(frames.first?.rejectReason?.code == .nestingTooDeep)
        #expect(frames.last?.json == "null")
        let ok = String(repeating: "<array>", count: 128) + String(repeating: "</array>", count: 128)
        #expect(try Self.frames(Array("<r>\(ok)</r>".utf8)).first?.rejectReason == nil)
    }

    @Test func recordOverMaxRecordBytesIsOversizedAndNotKept() throws {
        let xml = "<r><string>\(String(repeating: "a", count: 100_000))</string><null/></r>"
        let frames = try Self.frames(Array(xml.utf8), maxRecordBytes: 10_000)
        #expect(frames.count == 2)
        #expect(frames[0].isOversized && frames[0].json.utf8.count == Frame.prefixLength)
        #expect(frames[1].json == "null" && !frames[1].isOversized)
    }

    // MARK: document faults (hardening)

    @Test func billionLaughsIsAFault() {
        var dtd = "<!ENTITY l0 \"lol\">"
        for i in 1...9 { dtd += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        let fault = Self.fault("<?xml version=\"1.0\"?><!DOCTYPE r [\(dtd)]><r><string>&l9;</string></r>")
        #expect(fault?.code == .invalidXML)
    }

    @Test(arguments: ["file:///etc/passwd", "http://127.0.0.1:9/secret"])
    func externalEntityIsAFault(_ system: String) {
        let fault = Self.fault("<!DOCTYPE r [<!ENTITY x SYSTEM \"\(system)\">]><r><string>&x;</string></r>")
        #expect(fault?.code == .invalidXML)
        #expect(fault?.message.contains("DOCTYPE") == true, "\(String(describing: fault))")
        #expect(fault?.message.contains("root:") == false)
    }

    @Test func anyDoctypeIsAFault() {
        #expect(Self.fault("<!DOCTYPE r><r><null/></r>")?.message.contains("DOCTYPE") == true)
    }

    @Test func hugeTextNodeFailsBeforeItIsAllBuffered() {
        let size = 12 * 1024 * 1024
        let xml = "<r><string>" + String(repeating: "a", count: size) + "</string></r>"
        let fault = Self.fault(xml)
        #expect(fault?.code == .invalidXML)
        // libxml2 stops at its 10 MB text limit, before the 12 MB node is complete.
        #expect((fault?.offset ?? Int64.max) < Int64(size))
    }

    @Test func thousandLevelsIsAFault() {
        let deep = String(repeating: "<array>", count: 1000) + String(repeating: "</array>", count: 1000)
        let fault = Self.fault("<r>\(deep)</r>")
        #expect(fault?.code == .invalidXML)
        #expect(fault?.record == 1)
    }

    @Test(arguments: [
        "<r><string>a</string><string>b</str",
        "<r><string>a</string>",
        "<r><object><string name=\"a\">x</string>",
        "",
        "<r></s>",
        "<r/><r/>",
        "<r>text<null/></r>",
    ])
    func notWellFormedOrTruncatedIsAFault(_ xml: String) {
        let fault = xml.isEmpty ? Self.emptyFault() : Self.fault(xml)
        #expect(fault?.code == .invalidXML, "\(xml): \(String(describing: fault))")
    }

    static func emptyFault() -> InputFault? {
        do throws(InputFault) {
            _ = try frames([], container: .xml)
            return nil
        } catch {
            return error
        }
    }

    @Test func invalidUTF8IsAFaultWithItsPosition() {
        let fault = Self.fault("<r><string>ok</string><string>u" + "\u{FFFD}" + "</string></r>")
        #expect(fault == nil)
        var bytes = Array("<r><string>ok</string><string>u".utf8)
        bytes += [0xFF, 0x31]
        bytes += Array("</string></r>".utf8)
        do throws(InputFault) {
            _ = try Self.frames(bytes)
            Issue.record("no fault")
        } catch {
            #expect(error.code == .invalidXML)
            #expect(error.message.contains("UTF-8"))
            #expect(error.message.contains("line 1"))
        }
    }

    @Test func detection() {
        let cases: [(String, Container)] = [("  \n<r/>", .xml), ("<?xml version=\"1.0\"?><r/>", .xml), ("{\"a\":1}", .ndjson)]
        for (text, container) in cases {
            let bytes = Array(text.utf8)
            let detected = bytes.withUnsafeBytes { Container.detect($0, atEnd: true) }
            #expect(detected == container)
        }
        #expect(Container.implied(byName: "dump.xml.gz") == .xml)
        #expect(Container.implied(byName: "dump.xml") == .xml)
        #expect(Container.implied(byName: "dump.ndjson") == nil)
    }

    /// A JSON text with its escapes written the way `JSONWriter` writes them.
    static func canonical(_ json: String) -> String {
        var parser = JSONParser()
        let bytes = Array(json.utf8)
        guard let value = try? bytes.withUnsafeBytes({ try parser.parse($0) }) else { return json }
        var out: [UInt8] = []
        JSONWriter.write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
