#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A port on 127.0.0.1 that is bound but not listening: connections to it are refused, and nothing else
/// can take it while it is held.
///
/// It is held until `close()` or until the value goes away, whichever comes first. A test that needs the
/// port refused throughout should `defer { port.close() }`, which also keeps it alive to the end.
public final class ClosedPort {
    /// The socket could not be created, bound or named.
    public struct Failure: Error {}

    /// The port number.
    public let number: Int
    private var descriptor: Int32?

    /// Binds a socket to an ephemeral port on 127.0.0.1 without listening on it.
    /// - Throws: `Failure` when the socket cannot be created, bound or named.
    public init() throws {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            Self.closeDescriptor(descriptor)
            throw Failure()
        }
        self.descriptor = descriptor
        number = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Releases the port. Closing twice does nothing.
    public func close() {
        guard let descriptor else { return }
        self.descriptor = nil
        Self.closeDescriptor(descriptor)
    }

    deinit {
        close()
    }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }
}
