#pragma once
// Reading the journal record: typed fields with the journal's defaults for
// absent keys, and the steps journal_reader.cpp runs. Every error is a
// kSchemaError naming the source and the JSON pointer.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "gauntlet/records/detail/json_fields.h"
#include "gauntlet/records/journal.h"

namespace gauntlet::records::journal_reading {

using detail::Fields;
using detail::FieldsList;

/// The string at `key`; absent or null gives `fallback`.
Result<std::string> text_or(const Fields& f, const char* key, const std::string& fallback);
/// The number at `key`; absent or null gives `fallback`.
Result<double> number_or(const Fields& f, const char* key, double fallback);
/// The number at `key`, nullopt when absent or null.
Result<std::optional<double>> optional_number(const Fields& f, const char* key);
/// A whole number from 0 to detail::kMaxCount at `key`, nullopt when absent or null.
Result<std::optional<std::uint64_t>> optional_count(const Fields& f, const char* key);
/// Like optional_count, 0 when absent.
Result<std::uint64_t> count(const Fields& f, const char* key);
/// The object at `key` (whose JSON pointer is `pointer`); absent or null
/// reads as an empty object.
Result<Fields> object_or_empty(const Fields& f, const char* key, const std::string& pointer);
/// `start_ms` and `end_ms` (0 when absent); kSchemaError when end < start.
Status read_span(const Fields& f, Millis& start, Millis& end);

/// Objects of strings, counts or numbers (null reads as kNotMeasured) at `key`;
/// absent or null gives an empty map.
Result<std::map<std::string, std::string>> string_map(const Fields& f, const char* key, const char* what);
Result<std::map<std::string, std::uint64_t>> count_map(const Fields& f, const char* key);
Result<std::map<std::string, double>> number_map(const Fields& f, const char* key);

/// `config` (absent: all defaults).
Result<JournalConfig> read_config(const Fields& root);
/// The measured `phases`.
Result<std::vector<JournalPhaseStats>> read_phases(const Fields& root);

}  // namespace gauntlet::records::journal_reading
