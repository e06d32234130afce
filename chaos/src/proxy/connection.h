#pragma once
// One proxied client connection: per direction a reader and a writer. While no
// toxic applies the reader splices bytes across (kernel_splice.h); otherwise it
// reads chunks into a ChunkQueue, stamped with their arrival, and the writer
// passes them on through the toxics, each chunk delayed relative to its own
// arrival, so the reader keeps reading while earlier chunks wait.
#include "chunk_queue.h"
#include "kernel_splice.h"
#include "tcp_proxy.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <memory>
#include <random>

namespace gauntlet::chaos::proxy::detail {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using tcp = boost::asio::ip::tcp;
  Connection(std::shared_ptr<TcpProxy> proxy, tcp::socket client, std::uint64_t number);

  /// Connects upstream (closing the client when that fails) and starts both
  /// directions; returns once they are started.
  boost::asio::awaitable<void> run();
  /// Closes both sockets now (I/O thread only).
  void abort() noexcept;

 private:
  /// What the writer does after one chunk.
  enum class AfterChunk { kGoOn, kStop };

  /// The reader of one direction (connection.cpp): ends at end of stream, on
  /// an error, or when the queue is closed; spawns the writer.
  boost::asio::awaitable<void> pump(tcp::socket& from, tcp::socket& to, Stream stream);
  /// The fast path: waits until `from` is readable and, if still no toxic
  /// applies, splices what it has to `to`. Returns false when the caller must
  /// take the copying path for this round (a toxic, end of stream, an error
  /// reading); sets `failed` when writing failed.
  boost::asio::awaitable<bool> splice_round(tcp::socket& from, tcp::socket& to, Stream stream, SplicePipe& pipe,
                                            bool& failed);
  /// The writer of one direction (connection_writer.cpp): takes chunks from
  /// `queue` until it ends, passes on the close, and counts the direction done.
  boost::asio::awaitable<void> deliver(tcp::socket& to, Stream stream, std::shared_ptr<ChunkQueue> queue);
  /// Applies the toxics active now to one chunk and writes what passes.
  boost::asio::awaitable<AfterChunk> deliver_chunk(tcp::socket& to, Stream stream, const Chunk& chunk,
                                                   std::mt19937_64& rng, boost::asio::steady_timer& timer);
  boost::asio::awaitable<void> close_later(std::int64_t ms, bool reset);
  std::vector<Toxic> active(Stream stream) const;
  void reset_now() noexcept;
  void arm(const Toxic& toxic);
  /// One direction is over; when both are, the connection is closed.
  void direction_done() noexcept;
  std::int64_t& passed(Stream stream) noexcept { return passed_[stream == Stream::kUpstream ? 0 : 1]; }

  std::shared_ptr<TcpProxy> proxy_;
  tcp::socket client_;
  tcp::socket upstream_;
  std::uint64_t number_;
  std::array<std::int64_t, 2> passed_{};  // bytes written per direction (limit_data)
  int directions_done_ = 0;
  bool close_armed_ = false;
  bool reset_armed_ = false;
};

}  // namespace gauntlet::chaos::proxy::detail
