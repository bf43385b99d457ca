/// The software's version, written into `--version` and every build's metadata.
public enum PropiceVersion {
    public static let current = "0.2.0"
}
