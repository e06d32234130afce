#pragma once
// One connection's request loop, as a callback state machine on a plain socket
// of its thread's io_context: per request one write and the reads its reply
// needs, and no timer (with keep-alive off, also a connect and a close). The request timeout is enforced by a
// RequestWatchdog that checks every connection of the thread a few times per timeout.
#include "discarding_response_parser.h"
#include "load_run_state.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace gauntlet::chaos::netload::detail {

using Executor = boost::asio::io_context::executor_type;
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Executor>;
using Timer = boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                                boost::asio::wait_traits<std::chrono::steady_clock>, Executor>;

class LoadConnection {
 public:
  /// `on_finished` runs once, when the run state says stop and the
  /// connection has closed.
  LoadConnection(boost::asio::io_context& io, LoadRunState& run, boost::asio::ip::tcp::endpoint target,
                 std::function<void()> on_finished);
  LoadConnection(const LoadConnection&) = delete;
  LoadConnection& operator=(const LoadConnection&) = delete;

  /// Starts the loop; the connection's handlers then run on `io`.
  void start() { next(); }
  /// Aborts the connect or request in flight when `now` is past its deadline;
  /// it is then counted as a timeout.
  void check_deadline(Nanos now);

 private:
  void next();
  void begin();
  void connect();
  void send();
  void read();
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void complete_http(int status, bool keep_alive);
  void complete_raw();
  void fail();
  void disconnect();
  Nanos now() const { return run_.clock().now_ns(); }

  LoadRunState& run_;
  const NetLoadSpec& spec_;
  const boost::asio::ip::tcp::endpoint target_;
  std::function<void()> on_finished_;
  Socket socket_;
  Timer pace_;
  boost::beast::flat_buffer buffer_;
  std::optional<DiscardingResponseParser> parser_;
  const std::size_t raw_reply_bytes_;         ///< raw TCP: the length of a reply
  const PreparedRequest* request_ = nullptr;  ///< the request in flight
  bool connected_ = false;
  bool in_flight_ = false;
  bool timed_out_ = false;
  bool raw_mismatch_ = false;  ///< raw TCP: the reply so far differs from raw_expect
  Nanos deadline_ = 0;
  Nanos intended_ = 0;
  Nanos sent_at_ = 0;  ///< the write, or the connect that precedes it
  std::size_t received_ = 0;
};

/// Checks the deadlines of one thread's connections every `period` until
/// every connection has finished.
class RequestWatchdog {
 public:
  RequestWatchdog(boost::asio::io_context& io, Clock& clock, Nanos period);
  void watch(LoadConnection& connection) { connections_.push_back(&connection); }
  /// Starts the periodic check; it stops after `finished()` was called once
  /// per watched connection.
  void start() { arm(); }
  void finished();

 private:
  void arm();

  Timer timer_;
  Clock& clock_;
  const Nanos period_;
  std::vector<LoadConnection*> connections_;
  std::size_t finished_ = 0;
};

}  // namespace gauntlet::chaos::netload::detail
