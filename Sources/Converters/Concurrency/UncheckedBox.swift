/// Carries a value to a thread that alone uses it from then on (a converter copy, a source):
/// the one promise `@unchecked Sendable` stands for here.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
