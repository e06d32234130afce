#pragma once
/// Toxiproxy's JSON shapes for proxies and toxics.
#include "gauntlet/chaos/proxy/proxy_server.h"
#include "gauntlet/chaos/proxy/toxic.h"

#include <nlohmann/json.hpp>

namespace gauntlet::chaos::proxy {

/// {"name","type","stream","toxicity","attributes":{...}} with the type's attributes.
nlohmann::json to_json(const Toxic& toxic);
/// {"name","listen","upstream","enabled","toxics":[...]}.
nlohmann::json to_json(const ProxyInfo& proxy);

/// Reads a toxic; fields absent from `json` keep their value in `base` (for
/// updates). A new toxic needs "type"; a missing name becomes "<type>_<stream>".
/// kSchemaError for a field of the wrong JSON type, kInvalidArgument for bad values.
Result<Toxic> toxic_from_json(const nlohmann::json& json, const Toxic* base = nullptr);

/// Reads {"name","listen","upstream","enabled"}; `enabled` defaults to true.
/// kSchemaError when name or upstream is missing or a field has the wrong type.
Result<ProxySpec> proxy_spec_from_json(const nlohmann::json& json);

}  // namespace gauntlet::chaos::proxy
