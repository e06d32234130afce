#pragma once
// What one direction of a connection has read but not yet written, each chunk
// stamped with its arrival time: the reader keeps reading while earlier chunks
// wait out a latency toxic, and the writer releases each chunk relative to its
// own arrival. Bounded in bytes; used from one I/O thread only.
#include "gauntlet/harness/clock.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

namespace gauntlet::chaos::proxy::detail {

struct Chunk {
  std::vector<char> bytes;
  Nanos arrival = 0;  ///< RealClock time at which it was read
};

/// How the reader's side ended.
enum class StreamEnd {
  kOpen,    ///< not ended
  kEof,     ///< the sender closed its side: pass the close on
  kError,   ///< reading failed: the connection is to be cut
  kClosed,  ///< close(): both sides stop now
};

class ChunkQueue {
 public:
  /// Holds up to `capacity` bytes (one chunk more when it arrives below that).
  ChunkQueue(boost::asio::any_io_executor executor, std::size_t capacity);

  /// Appends `chunk`, first waiting while the bytes held reach the capacity.
  /// False when the queue was closed (the chunk is dropped).
  boost::asio::awaitable<bool> push(Chunk chunk);
  /// The reader ended (kEof or kError); pop() reports it after the chunks before it.
  void finish(StreamEnd how);
  /// Stops both sides at once: waiters wake, push() returns false, pop() nullopt.
  void close();

  /// The oldest chunk, waiting while there is none; nullopt once the reader
  /// finished and every chunk was taken, or after close() (see end()).
  boost::asio::awaitable<std::optional<Chunk>> pop();
  /// The writer is done with `bytes` bytes that pop() gave it: they stop counting.
  void release(std::size_t bytes);
  /// Waits until every pushed byte has been released, or the queue closed.
  boost::asio::awaitable<void> drained();

  /// True when nothing is queued or being written.
  bool idle() const noexcept { return held_ == 0; }
  StreamEnd end() const noexcept { return end_; }

 private:
  boost::asio::awaitable<void> wait_for_change();
  void changed() noexcept;

  boost::asio::steady_timer change_;  // never expires; cancel() wakes its waiters
  std::deque<Chunk> chunks_;
  std::size_t capacity_;
  std::size_t held_ = 0;  // queued plus taken but not released
  StreamEnd end_ = StreamEnd::kOpen;
};

}  // namespace gauntlet::chaos::proxy::detail
