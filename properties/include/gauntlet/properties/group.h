#pragma once
/// Adapter operation groups: each group of a metrics or tracing adapter is
/// declared in its capabilities, provided or unsupported. An undeclared group,
/// or a provided group with a missing or mistyped member, is a compile error
/// naming the member (one `static_assert` line), so a slip can never turn
/// properties into silent skips.
#include <type_traits>

namespace gauntlet::properties {

enum class Group {
  kUndeclared,   ///< the default: a compile error until the adapter says which
  kProvided,     ///< the adapter has every member of the group; its properties run
  kUnsupported,  ///< the implementation has no such operations; its properties are skipped
};

namespace detail {
/// True when `T::capabilities()` is a constant expression (declared constexpr).
template <typename T> concept ConstexprCapabilities = requires {
  typename std::bool_constant<(T::capabilities(), true)>;
};
}  // namespace detail

}  // namespace gauntlet::properties

/// One static_assert per diagnosis: fires only for the diagnosis `value` holds.
#define GAUNTLET_DETAIL_ADAPTER_ASSERT(adapter_name, value, code, text) \
  static_assert((value) != (code), adapter_name ": " text);
