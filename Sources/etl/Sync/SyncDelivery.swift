import Sync

/// The HTTP sender for kind = braze and amplitude, plugged into the ledger of `Sync`. None in
/// this build: `sync run` on those kinds exits 1 ("delivery not built in this binary"), while
/// `sync plan` and `sync run --dry-run` work.
enum SyncDelivery {
    static let deliverer: Deliverer? = nil
}
