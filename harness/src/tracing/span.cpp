#include "gauntlet/harness/tracing/span.h"

#include "gauntlet/harness/tracing/tracer.h"

#include <algorithm>
#include <utility>

namespace gauntlet::tracing {

Span::Span(Span&& other) noexcept
    : tracer_(std::exchange(other.tracer_, nullptr)),
      context_(std::move(other.context_)),
      parent_span_id_(other.parent_span_id_),
      data_(std::move(other.data_)) {}

Span& Span::operator=(Span&& other) noexcept {
  if (this != &other) {
    end();
    tracer_ = std::exchange(other.tracer_, nullptr);
    context_ = std::move(other.context_);
    parent_span_id_ = other.parent_span_id_;
    data_ = std::move(other.data_);
  }
  return *this;
}

void Span::set_attribute_value(std::string_view key, AttributeValue value) {
  auto it = std::find_if(data_->attributes.begin(), data_->attributes.end(),
                         [key](const Attribute& a) { return a.key == key; });
  if (it != data_->attributes.end()) {
    it->value = std::move(value);
  } else {
    data_->attributes.push_back(Attribute{std::string(key), std::move(value)});
  }
}

void Span::add_event(std::string_view name, std::vector<Attribute> attributes) {
  if (tracer_ == nullptr) return;
  data_->events.push_back(Event{std::string(name), tracer_->clock().wall_ns(), std::move(attributes)});
}

void Span::set_status(StatusCode code, std::string_view message) {
  if (tracer_ == nullptr || code == StatusCode::kUnset || data_->status == StatusCode::kOk) return;
  data_->status = code;
  data_->status_message = code == StatusCode::kError ? std::string(message) : std::string();
}

void Span::update_name(std::string_view name) {
  if (tracer_ == nullptr) return;
  data_->name = std::string(name);
}

void Span::end_recording() noexcept {
  Tracer* tracer = std::exchange(tracer_, nullptr);
  // Wall clocks can step back; a span never ends before it starts.
  data_->end_unix_ns = std::max(tracer->clock().wall_ns(), data_->start_unix_ns);
  if (tracer->processor() == nullptr) return;
  data_->context = context_;
  data_->parent_span_id = parent_span_id_;
  tracer->on_end(std::move(*data_));
}

}  // namespace gauntlet::tracing
