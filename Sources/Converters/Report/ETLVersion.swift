/// The program's version, in `etl --version` and in every report.
public enum ETLVersion {
    public static let number = "0.1.0"
}
