import JSON
import Schemas

/// Per standard field: how many values the validator found ok, normalised or invalid.
/// A flat array indexed by field and outcome: it is updated for every record.
public struct FieldCheckCounts: Sendable, Equatable {
    private static let fields = CheckedField.allCases
    private static let outcomes = FieldOutcome.Outcome.allCases.count
    private var counts = [Int](repeating: 0, count: fields.count * outcomes)

    public init() {}

    public mutating func add(_ check: FieldOutcome) {
        counts[check.field.index * Self.outcomes + check.outcome.rawValue] += 1
    }

    public func count(_ field: CheckedField, _ outcome: FieldOutcome.Outcome) -> Int {
        counts[field.index * Self.outcomes + outcome.rawValue]
    }

    /// Fields seen at least once, in profile order.
    public var seen: [CheckedField] {
        Self.fields.filter { f in FieldOutcome.Outcome.allCases.contains { count(f, $0) > 0 } }
    }

    public var isEmpty: Bool { counts.allSatisfy { $0 == 0 } }
}
