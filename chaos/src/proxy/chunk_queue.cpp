#include "chunk_queue.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace gauntlet::chaos::proxy::detail {

namespace asio = boost::asio;

ChunkQueue::ChunkQueue(asio::any_io_executor executor, std::size_t capacity)
    : change_(std::move(executor), asio::steady_timer::time_point::max()), capacity_(capacity) {}

// Every waiter re-checks its condition after waking: one timer serves both sides.
asio::awaitable<void> ChunkQueue::wait_for_change() {
  co_await change_.async_wait(asio::as_tuple(asio::use_awaitable));
}

void ChunkQueue::changed() noexcept { change_.cancel(); }

asio::awaitable<bool> ChunkQueue::push(Chunk chunk) {
  while (end_ == StreamEnd::kOpen && held_ >= capacity_) co_await wait_for_change();
  if (end_ != StreamEnd::kOpen) co_return false;
  held_ += chunk.bytes.size();
  chunks_.push_back(std::move(chunk));
  changed();
  co_return true;
}

void ChunkQueue::finish(StreamEnd how) {
  if (end_ != StreamEnd::kOpen) return;
  end_ = how;
  changed();
}

void ChunkQueue::close() {
  end_ = StreamEnd::kClosed;
  chunks_.clear();
  held_ = 0;
  changed();
}

asio::awaitable<std::optional<Chunk>> ChunkQueue::pop() {
  while (chunks_.empty() && end_ == StreamEnd::kOpen) co_await wait_for_change();
  if (chunks_.empty() || end_ == StreamEnd::kClosed) co_return std::nullopt;
  Chunk chunk = std::move(chunks_.front());
  chunks_.pop_front();
  co_return chunk;
}

void ChunkQueue::release(std::size_t bytes) {
  held_ -= std::min(bytes, held_);
  changed();
}

asio::awaitable<void> ChunkQueue::drained() {
  while (held_ > 0 && end_ != StreamEnd::kClosed) co_await wait_for_change();
}

}  // namespace gauntlet::chaos::proxy::detail
