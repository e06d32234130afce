#include "gauntlet/harness/tracing/batch_processor.h"

#include "tracing/bounded_queue.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace gauntlet::tracing {
namespace detail {

class BatchWorker {
 public:
  BatchWorker(std::shared_ptr<SpanExporter> exporter, BatchProcessorOptions options)
      : exporter_(std::move(exporter)),
        options_(options),
        queue_(options.max_queue_size),
        batch_size_(std::max<std::size_t>(1, options.max_export_batch_size)),
        wake_threshold_(std::max<std::size_t>(1, batch_size_ / 2)),
        thread_([this] { run(); }) {}

  ~BatchWorker() {
    if (!shut_down_.load()) (void)shutdown();
  }

  void on_end(SpanData&& span) noexcept {
    ended_.fetch_add(1, std::memory_order_relaxed);
    // shutdown() waits for in_flight_ to drain before its final export, so a
    // span that saw "not shut down" is always either queued in time or dropped.
    in_flight_.fetch_add(1, std::memory_order_seq_cst);
    if (shut_down_.load(std::memory_order_seq_cst)) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
    } else if (!queue_.try_push(span)) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
    } else if (queue_.size_approx() >= wake_threshold_ && !signalled_.exchange(true)) {
      wake_.notify_one();  // a lost wake-up only delays export by schedule_delay
    }
    in_flight_.fetch_sub(1, std::memory_order_seq_cst);
  }

  Status force_flush() {
    if (shut_down_.load()) return Error(ErrorCode::kFailedPrecondition, "span processor is shut down");
    std::lock_guard lock(export_mutex_);
    export_queued_locked();
    return exporter_->force_flush();
  }

  Status shutdown() {
    if (shut_down_.exchange(true)) {
      return Error(ErrorCode::kFailedPrecondition, "span processor already shut down");
    }
    while (in_flight_.load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
    {
      std::lock_guard lock(wake_mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(export_mutex_);
    export_queued_locked();
    return exporter_->shutdown();
  }

  ProcessorStats stats() const noexcept {
    return {ended_.load(std::memory_order_relaxed), exported_.load(std::memory_order_relaxed),
            dropped_.load(std::memory_order_relaxed)};
  }

 private:
  void run() {
    for (;;) {
      {
        std::unique_lock lock(wake_mutex_);
        wake_.wait_for(lock, options_.schedule_delay,
                       [this] { return stop_ || queue_.size_approx() >= wake_threshold_; });
        if (stop_) return;
      }
      signalled_.store(false);
      std::lock_guard lock(export_mutex_);
      export_queued_locked();
    }
  }

  // Exports everything queued, in batches. Caller holds export_mutex_.
  void export_queued_locked() {
    std::vector<SpanData> batch;
    batch.reserve(std::min(batch_size_, queue_.capacity()));
    SpanData span;
    for (;;) {
      batch.clear();
      while (batch.size() < batch_size_ && queue_.try_pop(span)) batch.push_back(std::move(span));
      if (batch.empty()) return;
      bool ok = false;
      try {
        ok = exporter_->export_spans(batch).ok();
      } catch (...) {
        ok = false;
      }
      (ok ? exported_ : dropped_).fetch_add(batch.size(), std::memory_order_relaxed);
    }
  }

  std::shared_ptr<SpanExporter> exporter_;
  BatchProcessorOptions options_;
  BoundedQueue<SpanData> queue_;
  std::size_t batch_size_;
  std::size_t wake_threshold_;  // queue length that wakes the export thread early

  std::atomic<std::uint64_t> ended_{0};
  std::atomic<std::uint64_t> exported_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<bool> shut_down_{false};
  std::atomic<bool> signalled_{false};

  std::mutex export_mutex_;  // serialises exporter calls
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by wake_mutex_

  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace detail

BatchSpanProcessor::BatchSpanProcessor(std::shared_ptr<SpanExporter> exporter, BatchProcessorOptions options)
    : worker_(std::make_unique<detail::BatchWorker>(std::move(exporter), options)) {}

BatchSpanProcessor::~BatchSpanProcessor() = default;

void BatchSpanProcessor::on_end(SpanData&& span) noexcept { worker_->on_end(std::move(span)); }
Status BatchSpanProcessor::force_flush() { return worker_->force_flush(); }
Status BatchSpanProcessor::shutdown() { return worker_->shutdown(); }
ProcessorStats BatchSpanProcessor::stats() const noexcept { return worker_->stats(); }

}  // namespace gauntlet::tracing
