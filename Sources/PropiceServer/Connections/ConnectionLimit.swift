import NIOCore
import Synchronization

/// The open connections of a server, counted: one past `maximum` is closed as soon as it is
/// accepted, so a crowd of idle or trickling clients cannot exhaust the process's descriptors.
final class ConnectionCount: Sendable {
    let maximum: Int
    private let open = Atomic<Int>(0)

    init(maximum: Int) { self.maximum = maximum }

    /// Counts a new connection; false, uncounted, when the server is full.
    func admit() -> Bool {
        guard open.add(1, ordering: .relaxed).newValue > maximum else { return true }
        open.subtract(1, ordering: .relaxed)
        return false
    }

    func release() { open.subtract(1, ordering: .relaxed) }
}

/// Admits a connection within the server's limit, or closes it; releases it once closed.
final class ConnectionLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let count: ConnectionCount
    private var admitted = false

    init(_ count: ConnectionCount) { self.count = count }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = count.admit()
        if !admitted, context.channel.isActive { context.close(promise: nil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        guard admitted else { context.close(promise: nil); return }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard admitted else { return }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if admitted { count.release() }
        admitted = false
    }
}
