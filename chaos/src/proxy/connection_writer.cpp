// The writer of one direction of a Connection: takes the chunks the reader
// queued and passes them on through the toxics active when each is taken.
#include "connection.h"

#include "toxic_dice.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <chrono>

namespace gauntlet::chaos::proxy::detail {

namespace asio = boost::asio;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> wait_for(asio::steady_timer& timer, std::chrono::nanoseconds d) {
  timer.expires_after(d);
  co_await timer.async_wait(kTuple);
}

// RealClock reads std::chrono::steady_clock, the clock of asio's steady_timer.
asio::steady_timer::time_point timer_time(Nanos real_clock_ns) {
  return asio::steady_timer::time_point(std::chrono::nanoseconds(real_clock_ns));
}

// The latency toxics' delay for one chunk: their latencies added, each ± its jitter.
std::chrono::microseconds latency_of(const std::vector<Toxic>& toxics, std::mt19937_64& rng) {
  std::int64_t delay_us = 0;
  for (const Toxic& t : toxics) {
    if (t.type != ToxicType::kLatency) continue;
    std::int64_t one = t.latency * 1000;
    if (t.jitter > 0) {
      std::uniform_int_distribution<std::int64_t> jitter(-t.jitter * 1000, t.jitter * 1000);
      one = std::max<std::int64_t>(0, one + jitter(rng));
    }
    delay_us += one;
  }
  return std::chrono::microseconds(delay_us);
}

}  // namespace

// Ends when the queue ends (the reader finished or someone closed it) or a
// chunk stops the connection; each iteration waits for a chunk.
asio::awaitable<void> Connection::deliver(tcp::socket& to, Stream stream, std::shared_ptr<ChunkQueue> queue) {
  auto self = shared_from_this();
  std::mt19937_64 rng(stream_seed(proxy_->seed(), proxy_->name(), number_, stream));
  asio::steady_timer timer(to.get_executor());
  for (;;) {
    std::optional<Chunk> chunk = co_await queue->pop();
    if (!chunk) break;
    const AfterChunk after = co_await deliver_chunk(to, stream, *chunk, rng, timer);
    queue->release(chunk->bytes.size());
    if (after == AfterChunk::kStop) {
      queue->close();
      direction_done();
      co_return;
    }
  }
  if (queue->end() == StreamEnd::kEof || queue->end() == StreamEnd::kError) {
    for (const Toxic& t : active(stream)) {
      if (t.type == ToxicType::kSlowClose) co_await wait_for(timer, std::chrono::milliseconds(t.delay));
    }
    if (queue->end() == StreamEnd::kEof && to.is_open()) {
      boost::system::error_code ignored;
      to.shutdown(tcp::socket::shutdown_send, ignored);
    } else {
      abort();
    }
  }
  direction_done();
}

asio::awaitable<Connection::AfterChunk> Connection::deliver_chunk(tcp::socket& to, Stream stream, const Chunk& chunk,
                                                                  std::mt19937_64& rng, asio::steady_timer& timer) {
  const std::vector<Toxic> toxics = active(stream);
  std::int64_t& sent = passed(stream);
  std::size_t len = chunk.bytes.size();
  bool dropped = false;
  bool close_after = false;
  for (const Toxic& t : toxics) {
    arm(t);
    // reset_peer without a timeout resets at once: nothing more passes,
    // however fast the data came (the timer armed at connect may not have run yet).
    if (t.type == ToxicType::kResetPeer && t.timeout <= 0) {
      reset_now();
      co_return AfterChunk::kStop;
    }
    if (t.type == ToxicType::kTimeout) dropped = true;
    if (t.type == ToxicType::kLimitData && sent + static_cast<std::int64_t>(len) >= t.bytes) {
      len = static_cast<std::size_t>(std::max<std::int64_t>(0, t.bytes - sent));
      close_after = true;
    }
  }
  if (dropped) co_return AfterChunk::kGoOn;
  // Released at its own arrival + latency: a chunk that waited in the queue
  // behind earlier ones waits only for what is left of its delay.
  const auto release = timer_time(chunk.arrival) + latency_of(toxics, rng);
  if (release > timer_time(RealClock::instance().now_ns())) {
    timer.expires_at(release);
    co_await timer.async_wait(kTuple);
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
    if (rate > 0) co_await wait_for(timer, std::chrono::microseconds(static_cast<std::int64_t>(piece) * 1000 / rate));
    auto [ec, written] = co_await asio::async_write(to, asio::buffer(chunk.bytes.data() + offset, piece), kTuple);
    write_ec = ec;
    offset += written;
    if (slicer && slicer->delay > 0 && offset < len) co_await wait_for(timer, std::chrono::microseconds(slicer->delay));
  }
  sent += static_cast<std::int64_t>(offset);
  if (write_ec || close_after) {
    abort();
    co_return AfterChunk::kStop;
  }
  co_return AfterChunk::kGoOn;
}

}  // namespace gauntlet::chaos::proxy::detail
