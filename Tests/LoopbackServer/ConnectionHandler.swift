import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads HTTP/1.1 request heads from one connection and plays the scripted response for each.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: LoopbackServer
    private let connection: Int
    private var pending: [UInt8] = []
    private var isAnswering = false
    private var isActive = true
    private var isCountedAsAnswering = false

    init(server: LoopbackServer, connection: Int) {
        self.server = server
        self.connection = connection
    }

    func channelActive(context: ChannelHandlerContext) {
        for gauge in server.connectionGauges { gauge.opened() }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        isActive = false
        finishAnswering()
        for gauge in server.connectionGauges { gauge.closed() }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if let bytes = buffer.readBytes(length: buffer.readableBytes) { pending += bytes }
        answerNext(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Answers the next complete request head in `pending`, if any and if not already answering.
    private func answerNext(context: ChannelHandlerContext) {
        guard isActive, !isAnswering, let end = headEnd() else { return }
        let head = String(decoding: pending[..<end], as: UTF8.self)
        pending.removeFirst(end + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).makeIterator()
        let requestLine = (lines.next() ?? "").split(separator: " ")
        guard requestLine.count == 3 else {
            context.close(promise: nil)
            return
        }
        var headers: [(name: String, value: String)] = []
        while let line = lines.next() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.append((String(line[..<colon]), String(value)))
        }
        let response = server.handle(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, connection: connection)
        isAnswering = true
        isCountedAsAnswering = true
        for gauge in server.requestGauges { gauge.opened() }
        play(response.steps[...], keepsAlive: response.keepsAlive, context: context)
    }

    private func finishAnswering() {
        guard isCountedAsAnswering else { return }
        isCountedAsAnswering = false
        for gauge in server.requestGauges { gauge.closed() }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func play(_ steps: ArraySlice<LoopbackStep>, keepsAlive: Bool, context: ChannelHandlerContext) {
        guard isActive else { return }
        guard let step = steps.first else {
            isAnswering = false
            finishAnswering()
            if keepsAlive {
                answerNext(context: context)
            } else {
                context.close(promise: nil)
            }
            return
        }
        let rest = steps.dropFirst()
        switch step {
        case .send(let bytes):
            var buffer = context.channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            play(rest, keepsAlive: keepsAlive, context: context)
        case .pause(let duration):
            let (seconds, attoseconds) = duration.components
            let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
            context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) {
                self.play(rest, keepsAlive: keepsAlive, context: context)
            }
        case .reset:
            isActive = false
            if let provider = context.channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
        case .close:
            isActive = false
            context.close(promise: nil)
        }
    }
}
