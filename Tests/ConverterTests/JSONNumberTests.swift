import JSON
import Schemas
import Testing

@Suite struct JSONNumberTests {
    @Test(arguments: ["0", "-0", "12", "-12.5", "1e10", "1E+2", "0.5e-3", "123456789012345678901234567890"])
    func validNumbers(_ text: String) {
        #expect(JSONNumber.isValid(text))
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "+1", "1e", "1e+", "0x10", "1.5.2", " 1", "NaN", "Infinity"])
    func invalidNumbers(_ text: String) {
        #expect(!JSONNumber.isValid(text))
    }

    @Test func integerAccessors() {
        #expect(JSONNumber(uncheckedText: "9223372036854775807").int64 == Int64.max)
        #expect(JSONNumber(uncheckedText: "9223372036854775808").int64 == nil)
        #expect(JSONNumber(uncheckedText: "1.0").isInteger == false)
        #expect(JSONNumber(uncheckedText: "-42").isInteger)
    }
}
