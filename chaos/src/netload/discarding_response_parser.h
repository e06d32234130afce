#pragma once
// An HTTP/1.1 response parser for load generation: keeps the status code and
// stores neither the fields nor the body, so reading a response allocates
// nothing (keep_alive() comes from the base parser).
#include <boost/beast/http/basic_parser.hpp>

#include <cstdint>

namespace gauntlet::chaos::netload::detail {

class DiscardingResponseParser final : public boost::beast::http::basic_parser<false> {
 public:
  explicit DiscardingResponseParser(std::uint64_t body_limit) { this->body_limit(body_limit); }

  int status() const noexcept { return status_; }

 private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;

  void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code&) override {}
  void on_response_impl(int code, string_view, int, error_code&) override { status_ = code; }
  void on_field_impl(boost::beast::http::field, string_view, string_view, error_code&) override {}
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
  std::size_t on_body_impl(string_view body, error_code&) override { return body.size(); }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override { return body.size(); }
  void on_finish_impl(error_code&) override {}

  int status_ = 0;
};

}  // namespace gauntlet::chaos::netload::detail
