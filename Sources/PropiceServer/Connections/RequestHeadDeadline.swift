import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request head has not arrived in full within `limit` of the
/// connection opening or of the previous response having been written out: a client
/// trickling the bytes of its head, or holding a connection open without asking anything, is
/// let go. The time a client takes to read a long response does not count: the deadline
/// starts once the response's last byte has left, not when it was queued.
final class RequestHeadDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limit: TimeAmount
    private var deadline: Scheduled<Void>?
    /// Requests whose head has arrived and whose response has not been written out whole.
    private var unanswered = 0

    init(limit: TimeAmount) { self.limit = limit }

    func handlerAdded(context: ChannelHandlerContext) { arm(context.channel) }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            unanswered += 1
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop), channel = context.channel
        written.futureResult.whenSuccess { handler.value.answered(channel) }
        written.futureResult.cascade(to: promise)
        context.write(data, promise: written)
    }

    /// A response written out: with no other request waiting, the next head's time starts.
    private func answered(_ channel: any Channel) {
        guard channel.isActive else { return }
        unanswered = max(0, unanswered - 1)
        if unanswered == 0 { arm(channel) }
    }

    private func arm(_ channel: any Channel) {
        disarm()
        deadline = channel.eventLoop.scheduleTask(in: limit) { channel.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
