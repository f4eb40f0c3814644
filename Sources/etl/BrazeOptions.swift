import ArgumentParser
import Converters
import JSON

/// Options that only the Braze `/users/track` writers use.
struct BrazeOptions: ParsableArguments {
    @Option(name: .customLong("braze-app-ids"), help: ArgumentHelp(
        "JSON object of Braze app name -> app id: Braze export push tokens name their app, /users/track needs its id. Without it such tokens are left out and counted as unmapped. With --to braze-attributes or braze-track only.",
        valueName: "file"))
    var appIdsPath: String?

    /// Checks the option against the target format and loads the table (nil without the option).
    func appIds(for to: Format?) throws -> BrazeAppIds? {
        guard let appIdsPath else { return nil }
        guard to == .brazeAttributes || to == .brazeTrack else {
            throw ValidationError("--braze-app-ids applies to --to braze-attributes or braze-track only")
        }
        do throws(BrazeAppIds.LoadError) {
            return try BrazeAppIds.load(path: appIdsPath)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
