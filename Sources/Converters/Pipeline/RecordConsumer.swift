import JSON
import Schemas

/// Takes each converted record in place of an output file: `etl sync` plans with the
/// pipeline of `convert` this way (`Conversion.run(_:writer:consumer:)`).
public protocol RecordConsumer: AnyObject {
    /// One record's bytes as the run's writer encoded them, in input order, on the
    /// conversion's thread (valid only during the call). Returns a reject to count the record
    /// as rejected (it goes to the rejects file); throws to stop the run (exit status 1).
    func take(_ encoded: UnsafeRawBufferPointer, file: String, record: Int) throws(OutputFailure) -> Reject?
}
