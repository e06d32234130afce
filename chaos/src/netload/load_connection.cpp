#include "load_connection.h"

#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>

#include <cstring>

namespace gauntlet::chaos::netload::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::uint64_t kBodyLimit = 64 * 1024 * 1024;
}  // namespace

LoadConnection::LoadConnection(asio::io_context& io, LoadRunState& run, asio::ip::tcp::endpoint target,
                               std::function<void()> on_finished)
    : run_(run),
      spec_(run.spec()),
      target_(target),
      on_finished_(std::move(on_finished)),
      socket_(io.get_executor()),
      pace_(io.get_executor()),
      raw_reply_bytes_(spec_.raw_expect.empty() ? spec_.raw_response_bytes : spec_.raw_expect.size()) {}

void LoadConnection::check_deadline(Nanos t) {
  if (!in_flight_ || timed_out_ || t < deadline_) return;
  timed_out_ = true;
  boost::system::error_code ignored;
  socket_.close(ignored);  // the pending operation completes with operation_aborted
}

// Bounded in time and count: next_request() says stop at the run's end.
void LoadConnection::next() {
  const std::optional<Ticket> ticket = run_.next_request();
  if (!ticket) {
    disconnect();
    on_finished_();
    return;
  }
  intended_ = ticket->intended;
  request_ = &run_.request(ticket->number);
  if (spec_.loop == LoadLoop::kOpen) {
    const Nanos wait = intended_ - now();
    if (wait > 0) {
      pace_.expires_after(std::chrono::nanoseconds(wait));
      pace_.async_wait([this](const boost::system::error_code&) { begin(); });
      return;
    }
  }
  begin();
}

// The request is issued here: from now on it ends in exactly one outcome.
void LoadConnection::begin() {
  run_.issued();
  if (connected_) {
    send();
  } else {
    connect();
  }
}

void LoadConnection::connect() {
  sent_at_ = now();
  deadline_ = sent_at_ + spec_.request_timeout_ns;
  in_flight_ = true;
  socket_.async_connect(target_, [this](const boost::system::error_code& ec) {
    in_flight_ = false;
    if (ec || timed_out_) {
      run_.failed(intended_, sent_at_, now(), timed_out_);
      timed_out_ = false;
      disconnect();
      pace_.expires_after(std::chrono::milliseconds(1));  // refused: do not spin
      pace_.async_wait([this](const boost::system::error_code&) { next(); });
      return;
    }
    boost::system::error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    connected_ = true;
    send();
  });
}

void LoadConnection::send() {
  sent_at_ = now();
  deadline_ = sent_at_ + spec_.request_timeout_ns;
  in_flight_ = true;
  received_ = 0;
  raw_mismatch_ = false;
  if (spec_.protocol == Protocol::kHttp) {
    parser_.emplace(kBodyLimit);
    parser_->eager(true);
    if (request_->head) parser_->skip(true);  // the response to HEAD has no body
  }
  asio::async_write(socket_, asio::buffer(request_->bytes), [this](const boost::system::error_code& ec, std::size_t) {
    if (ec || timed_out_) return fail();
    read();
  });
}

void LoadConnection::read() {
  // A raw reply is exactly raw_response_bytes: never read into the next one.
  const std::size_t want = spec_.protocol == Protocol::kHttp ? kReadChunk : raw_reply_bytes_ - received_;
  socket_.async_read_some(buffer_.prepare(want),
                          [this](const boost::system::error_code& ec, std::size_t n) { on_read(ec, n); });
}

void LoadConnection::on_read(const boost::system::error_code& ec, std::size_t n) {
  if (timed_out_) return fail();
  if (ec) {
    // A body delimited by the end of the connection is complete at EOF.
    if (ec == asio::error::eof && parser_ && parser_->got_some()) {
      boost::beast::error_code eof_ec;
      parser_->put_eof(eof_ec);
      if (!eof_ec && parser_->is_done()) return complete_http(parser_->status(), false);
    }
    return fail();
  }
  buffer_.commit(n);
  received_ += n;
  if (spec_.protocol == Protocol::kRawTcp) {
    if (!spec_.raw_expect.empty() && !raw_mismatch_) {
      raw_mismatch_ = std::memcmp(buffer_.data().data(), spec_.raw_expect.data() + (received_ - n), n) != 0;
    }
    buffer_.consume(n);
    if (received_ >= raw_reply_bytes_) return complete_raw();
    return read();
  }
  while (buffer_.size() > 0) {
    boost::beast::error_code parse_ec;
    const std::size_t used = parser_->put(buffer_.data(), parse_ec);
    buffer_.consume(used);
    if (parse_ec == http::error::need_more) break;
    if (parse_ec) return fail();
    if (parser_->is_done()) return complete_http(parser_->status(), spec_.keep_alive && parser_->keep_alive());
    if (used == 0) break;
  }
  read();
}

void LoadConnection::complete_http(int status, bool keep_alive) {
  in_flight_ = false;
  run_.http_reply(intended_, sent_at_, now(), status, received_);
  if (!keep_alive) disconnect();
  next();
}

void LoadConnection::complete_raw() {
  in_flight_ = false;
  run_.raw_reply(intended_, sent_at_, now(), !raw_mismatch_, received_);
  next();
}

void LoadConnection::fail() {
  in_flight_ = false;
  run_.failed(intended_, sent_at_, now(), timed_out_);
  timed_out_ = false;
  disconnect();
  next();
}

void LoadConnection::disconnect() {
  boost::system::error_code ignored;
  socket_.close(ignored);
  buffer_.clear();
  connected_ = false;
}

RequestWatchdog::RequestWatchdog(asio::io_context& io, Clock& clock, Nanos period)
    : timer_(io.get_executor()), clock_(clock), period_(period) {}

void RequestWatchdog::finished() {
  if (++finished_ == connections_.size()) timer_.cancel();
}

void RequestWatchdog::arm() {
  if (finished_ == connections_.size()) return;
  timer_.expires_after(std::chrono::nanoseconds(period_));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    const Nanos t = clock_.now_ns();
    for (LoadConnection* c : connections_) c->check_deadline(t);
    arm();
  });
}

}  // namespace gauntlet::chaos::netload::detail
