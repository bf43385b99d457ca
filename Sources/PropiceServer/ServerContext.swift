import Hummingbird
import NIOCore

/// The context of a request to `propice serve`: Hummingbird's, and the client's address for
/// the access log.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
