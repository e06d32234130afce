#include "connection.h"

#include "toxic_dice.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <random>

namespace gauntlet::chaos::proxy::detail {

namespace asio = boost::asio;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kChunk = 64 * 1024;

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
  auto [ec] = co_await upstream_.async_connect(proxy_->upstream(), kTuple);
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

asio::awaitable<bool> Connection::splice_round(tcp::socket& from, tcp::socket& to, Stream stream, SplicePipe& pipe,
                                               std::int64_t& passed, bool& failed) {
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
      passed += moved;
    } else if (moved < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      auto [ec] = co_await to.async_wait(tcp::socket::wait_write, kTuple);
      if (ec) break;
    } else {
      break;
    }
  }
  failed = left > 0;
  co_return true;
}

// Ends at end of stream, on an error, or when the connection is closed: each
// iteration waits for data from a socket that abort() closes. While no toxic
// applies the bytes move by splice(2); otherwise through `buffer` and the toxics.
asio::awaitable<void> Connection::pump(tcp::socket& from, tcp::socket& to, Stream stream) {
  auto self = shared_from_this();
  std::vector<char> buffer(kChunk);
  SplicePipe pipe;
  boost::system::error_code nb_ec;
  from.native_non_blocking(true, nb_ec);
  if (!nb_ec) to.native_non_blocking(true, nb_ec);
  const bool can_splice = pipe.ok() && !nb_ec;
  std::mt19937_64 rng(stream_seed(proxy_->seed(), proxy_->name(), number_, stream));
  asio::steady_timer timer(from.get_executor());
  std::int64_t passed = 0;
  auto wait = [&](std::chrono::nanoseconds d) -> asio::awaitable<void> {
    timer.expires_after(d);
    co_await timer.async_wait(kTuple);
  };
  for (;;) {
    if (can_splice && active(stream).empty()) {
      bool failed = false;
      if (co_await splice_round(from, to, stream, pipe, passed, failed)) {
        if (!failed) continue;
        abort();
        if (++pumps_done_ == 2) abort();
        co_return;
      }
    }
    auto [read_ec, n] = co_await from.async_read_some(asio::buffer(buffer), kTuple);
    const std::vector<Toxic> toxics = active(stream);
    if (read_ec) {
      for (const Toxic& t : toxics) {
        if (t.type == ToxicType::kSlowClose) co_await wait(std::chrono::milliseconds(t.delay));
      }
      if (read_ec == asio::error::eof && to.is_open()) {
        boost::system::error_code ignored;
        to.shutdown(tcp::socket::shutdown_send, ignored);
      } else {
        abort();
      }
      if (++pumps_done_ == 2) abort();
      co_return;
    }
    std::size_t len = n;
    bool dropped = false;
    bool close_after = false;
    for (const Toxic& t : toxics) {
      arm(t);
      // reset_peer without a timeout resets at once: nothing more passes,
      // however fast the data came (the timer armed at connect may not have run yet).
      if (t.type == ToxicType::kResetPeer && t.timeout <= 0) {
        reset_now();
        if (++pumps_done_ == 2) abort();
        co_return;
      }
      if (t.type == ToxicType::kTimeout) dropped = true;
      if (t.type == ToxicType::kLimitData && passed + static_cast<std::int64_t>(len) >= t.bytes) {
        len = static_cast<std::size_t>(std::max<std::int64_t>(0, t.bytes - passed));
        close_after = true;
      }
    }
    if (dropped) continue;
    for (const Toxic& t : toxics) {
      if (t.type != ToxicType::kLatency) continue;
      std::int64_t delay_us = t.latency * 1000;
      if (t.jitter > 0) {
        std::uniform_int_distribution<std::int64_t> jitter(-t.jitter * 1000, t.jitter * 1000);
        delay_us = std::max<std::int64_t>(0, delay_us + jitter(rng));
      }
      co_await wait(std::chrono::microseconds(delay_us));
    }
    const Toxic* slicer = nullptr;
    std::int64_t rate = 0;
    for (const Toxic& t : toxics) {
      if (t.type == ToxicType::kSlicer) slicer = &t;
      if (t.type == ToxicType::kBandwidth && t.rate > 0) rate = rate ? std::min(rate, t.rate) : t.rate;
    }
    std::size_t offset = 0;
    boost::system::error_code write_ec;
    while (offset < len && !write_ec) {
      std::size_t piece = len - offset;
      if (slicer) {
        std::uniform_int_distribution<std::int64_t> size(slicer->average_size - slicer->size_variation,
                                                         slicer->average_size + slicer->size_variation);
        piece = std::min<std::size_t>(piece, static_cast<std::size_t>(std::max<std::int64_t>(1, size(rng))));
      }
      // rate KB/s = rate bytes per ms: a piece waits its transmission time first.
      if (rate > 0) co_await wait(std::chrono::microseconds(static_cast<std::int64_t>(piece) * 1000 / rate));
      auto [ec, written] = co_await asio::async_write(to, asio::buffer(buffer.data() + offset, piece), kTuple);
      write_ec = ec;
      offset += written;
      if (slicer && slicer->delay > 0 && offset < len) co_await wait(std::chrono::microseconds(slicer->delay));
    }
    passed += static_cast<std::int64_t>(offset);
    if (write_ec || close_after) {
      abort();
      if (++pumps_done_ == 2) abort();
      co_return;
    }
  }
}

}  // namespace gauntlet::chaos::proxy::detail
