#include "connection.h"

#include "sigpipe.h"
#include "toxic_dice.h"
#include "upstream_route.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cerrno>
#include <chrono>

namespace gauntlet::chaos::proxy::detail {

namespace asio = boost::asio;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kChunk = 64 * 1024;
// Bytes a direction may hold while chunks wait out their latency: the reader
// stops reading when the writer is this far behind.
constexpr std::size_t kQueueCapacity = 4 << 20;

Connection::Connection(std::shared_ptr<TcpProxy> proxy, tcp::socket client, std::uint64_t number)
    : proxy_(std::move(proxy)), client_(std::move(client)), upstream_(client_.get_executor()), number_(number) {}

std::vector<Toxic> Connection::active(Stream stream) const {
  std::vector<Toxic> out;
  auto toxics = proxy_->toxics();
  for (const Toxic& t : *toxics) {
    if (t.stream == stream && toxic_applies(proxy_->seed(), proxy_->name(), t, number_)) out.push_back(t);
  }
  return out;
}

void Connection::abort() noexcept {
  boost::system::error_code ignored;
  client_.close(ignored);
  upstream_.close(ignored);
}

void Connection::reset_now() noexcept {
  boost::system::error_code ignored;
  // Linger 0 makes close() send RST instead of FIN.
  client_.set_option(asio::socket_base::linger(true, 0), ignored);
  upstream_.set_option(asio::socket_base::linger(true, 0), ignored);
  abort();
}

asio::awaitable<void> Connection::close_later(std::int64_t ms, bool reset) {
  auto self = shared_from_this();
  asio::steady_timer timer(client_.get_executor(), std::chrono::milliseconds(ms));
  co_await timer.async_wait(kTuple);
  if (reset) {
    reset_now();
  } else {
    abort();
  }
}

void Connection::arm(const Toxic& t) {
  if (t.type == ToxicType::kTimeout && t.timeout > 0 && !close_armed_) {
    close_armed_ = true;
    asio::co_spawn(client_.get_executor(), close_later(t.timeout, false), asio::detached);
  }
  if (t.type == ToxicType::kResetPeer && !reset_armed_) {
    reset_armed_ = true;
    asio::co_spawn(client_.get_executor(), close_later(t.timeout, true), asio::detached);
  }
}

asio::awaitable<void> Connection::run() {
  auto self = shared_from_this();
  auto endpoints =
      co_await endpoints_for_connection(client_.get_executor(), proxy_->upstream(), proxy_->allow_remote());
  if (!endpoints.ok()) {  // a name that does not resolve (or resolves to a remote address)
    abort();
    co_return;
  }
  auto [ec, connected] = co_await asio::async_connect(upstream_, *endpoints, kTuple);
  if (ec) {
    abort();
    co_return;
  }
  boost::system::error_code ignored;
  client_.set_option(tcp::no_delay(true), ignored);
  upstream_.set_option(tcp::no_delay(true), ignored);
  bool toxic = false;
  for (Stream s : {Stream::kUpstream, Stream::kDownstream}) {
    for (const Toxic& t : active(s)) {
      toxic = true;
      arm(t);
    }
  }
  if (toxic) proxy_->count_toxic_connection();
  asio::co_spawn(client_.get_executor(), pump(client_, upstream_, Stream::kUpstream), asio::detached);
  asio::co_spawn(client_.get_executor(), pump(upstream_, client_, Stream::kDownstream), asio::detached);
}

void Connection::direction_done() noexcept {
  if (++directions_done_ == 2) abort();
}

asio::awaitable<bool> Connection::splice_round(tcp::socket& from, tcp::socket& to, Stream stream, SplicePipe& pipe,
                                               bool& failed) {
  auto [wait_ec] = co_await from.async_wait(tcp::socket::wait_read, kTuple);
  // A toxic added while the stream was idle applies to the data now waiting.
  if (wait_ec || !active(stream).empty()) co_return false;
  const ssize_t filled = pipe.fill(from.native_handle());
  if (filled < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) co_return true;  // spurious wake-up
  if (filled <= 0) co_return false;  // end of stream or an error: the copying path reports it
  std::size_t left = static_cast<std::size_t>(filled);
  while (left > 0) {
    const ssize_t moved = pipe.drain(to.native_handle(), left);
    if (moved > 0) {
      left -= static_cast<std::size_t>(moved);
      passed(stream) += moved;
    } else if (moved < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      auto [ec] = co_await to.async_wait(tcp::socket::wait_write, kTuple);
      if (ec) break;
    } else {
      break;  // EPIPE, ECONNRESET, a closed socket: drain() took any SIGPIPE
    }
  }
  failed = left > 0;
  co_return true;
}

// Ends at end of stream, on an error, or when the writer closed the queue:
// each iteration waits for data from a socket that abort() closes. While no
// toxic applies and the writer has nothing left, the bytes move by splice(2);
// otherwise they go as chunks through the queue to the writer.
asio::awaitable<void> Connection::pump(tcp::socket& from, tcp::socket& to, Stream stream) {
  auto self = shared_from_this();
  auto queue = std::make_shared<ChunkQueue>(from.get_executor(), kQueueCapacity);
  asio::co_spawn(from.get_executor(), deliver(to, stream, queue), asio::detached);
  std::vector<char> buffer(kChunk);
  SplicePipe pipe;
  boost::system::error_code nb_ec;
  from.native_non_blocking(true, nb_ec);
  if (!nb_ec) to.native_non_blocking(true, nb_ec);
  // splice(2) raises SIGPIPE where asio's writes would not (MSG_NOSIGNAL): only
  // a thread that blocks it may splice.
  const bool can_splice = pipe.ok() && !nb_ec && sigpipe_blocked_in_this_thread();
  for (;;) {
    if (queue->end() != StreamEnd::kOpen) co_return;
    if (can_splice && active(stream).empty()) {
      // Bytes already queued go first: splicing past them would reorder the stream.
      if (!queue->idle()) co_await queue->drained();
      if (queue->end() != StreamEnd::kOpen) co_return;
    }
    if (can_splice && active(stream).empty()) {
      bool failed = false;
      const bool spliced = co_await splice_round(from, to, stream, pipe, failed);
      if (spliced && !failed) continue;
      if (spliced) {
        abort();
        queue->close();  // the writer ends and counts the direction done
        co_return;
      }
    }
    auto [read_ec, n] = co_await from.async_read_some(asio::buffer(buffer), kTuple);
    if (read_ec) {
      queue->finish(read_ec == asio::error::eof ? StreamEnd::kEof : StreamEnd::kError);
      co_return;
    }
    Chunk chunk{std::vector<char>(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n)),
                RealClock::instance().now_ns()};
    if (!co_await queue->push(std::move(chunk))) co_return;
  }
}

}  // namespace gauntlet::chaos::proxy::detail
