#include "hallmark/manifest.h"

#include <algorithm>

#include "hallmark/rfc3339.h"
#include "manifest_json.h"
#include "text.h"

namespace hallmark {
namespace {

using json_util::json;

const std::vector<std::string_view> kSourceTypes = {
    "digitalCapture",
    "computationalCapture",
    "negativeFilm",
    "positiveFilm",
    "print",
    "humanEdits",
    "minorHumanEdits",
    "compositeCapture",
    "algorithmicallyEnhanced",
    "dataDrivenMedia",
    "digitalArt",
    "digitalCreation",
    "virtualRecording",
    "composite",
    "compositeSynthetic",
    "trainedAlgorithmicMedia",
    "compositeWithTrainedAlgorithmicMedia",
    "algorithmicMedia",
    "softwareImage",
    "screenCapture",
};

// C2PA 2.2 section 18.14 predefined actions, plus c2pa.color_adjustments (deprecated, still
// written by older tools) and c2pa.edited.metadata.
const std::vector<std::string_view> kC2paActions = {
    "c2pa.addedText",  "c2pa.adjustedColor", "c2pa.changedSpeed", "c2pa.color_adjustments",
    "c2pa.converted",  "c2pa.created",       "c2pa.cropped",      "c2pa.deleted",
    "c2pa.drawing",    "c2pa.dubbed",        "c2pa.edited",       "c2pa.edited.metadata",
    "c2pa.enhanced",   "c2pa.filtered",      "c2pa.opened",       "c2pa.orientation",
    "c2pa.placed",     "c2pa.published",     "c2pa.redacted",     "c2pa.removed",
    "c2pa.repackaged", "c2pa.resized",       "c2pa.transcoded",   "c2pa.translated",
    "c2pa.trimmed",    "c2pa.unknown",       "c2pa.watermarked",
};

bool contains(const std::vector<std::string_view>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// A reverse-domain name: at least two dot-separated labels of [a-z0-9_-] (letters any case).
bool is_reverse_domain(std::string_view name) {
  if (name.empty() || name.size() > 128 || name.find('.') == std::string_view::npos) {
    return false;
  }
  size_t label = 0;
  for (char c : name) {
    if (c == '.') {
      if (label == 0) {
        return false;
      }
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) {
      return false;
    }
    ++label;
  }
  return label > 0;
}

}  // namespace

bool is_source_type(std::string_view term) {
  return contains(kSourceTypes, term);
}

bool is_ai_source_type(std::string_view term) {
  return term == "trainedAlgorithmicMedia" || term == "compositeWithTrainedAlgorithmicMedia" ||
         term == "algorithmicMedia";
}

const std::vector<std::string_view>& source_types() {
  return kSourceTypes;
}

bool is_action_name(std::string_view name) {
  if (name.rfind("c2pa.", 0) == 0) {
    return contains(kC2paActions, name);
  }
  return is_reverse_domain(name);
}

Status check_manifest(const Manifest& m) {
  if (m.version != 1) {
    return invalid_argument("manifest version must be 1");
  }
  HALLMARK_TRY(parse_rfc3339(m.created).status().with_context("manifest \"created\""));
  if (!m.file) {
    return invalid_argument("manifest has no content binding");
  }
  if (!m.source_type.empty() && !is_source_type(m.source_type)) {
    return invalid_argument("\"" + m.source_type + "\" is not an IPTC digital source type");
  }
  for (const Action& a : m.actions) {
    if (!is_action_name(a.action)) {
      return invalid_argument("\"" + a.action + "\" is not a C2PA action or reverse-domain name");
    }
  }
  const auto created = std::find_if(m.actions.begin(), m.actions.end(),
                                    [](const Action& a) { return a.action == "c2pa.created"; });
  if (m.parents.empty()) {
    if (m.actions.empty() || m.actions.front().action != "c2pa.created") {
      return invalid_argument("a new original must start with the action c2pa.created");
    }
    if (std::count_if(m.actions.begin(), m.actions.end(),
                      [](const Action& a) { return a.action == "c2pa.created"; }) > 1) {
      return invalid_argument("c2pa.created may appear only once");
    }
  } else if (created != m.actions.end()) {
    return invalid_argument("a derived file must not claim the action c2pa.created");
  }
  for (const ParentRef& p : m.parents) {
    if (!parse_digest_id(p.manifest_id).ok()) {
      return invalid_argument("parent manifest id \"" + p.manifest_id + "\" is not sha256:<hex>");
    }
    if (p.relationship != "parentOf" && p.relationship != "componentOf") {
      return invalid_argument("parent relationship must be parentOf or componentOf");
    }
  }
  return {};
}

std::string canonical_manifest(const Manifest& manifest) {
  return json_util::canonical(manifest_json::to_json(manifest));
}

Result<Manifest> parse_manifest(std::string_view json_text) {
  Result<json> doc = json_util::parse_strict(json_text, "manifest");
  HALLMARK_TRY(doc);
  return manifest_json::from_json(*doc);
}

std::string manifest_id(std::string_view canonical_bytes) {
  return digest_id(sha256(as_bytes(canonical_bytes)));
}

std::string signing_message(std::string_view canonical_bytes) {
  return std::string(kSignaturePrefix) + std::string(canonical_bytes);
}

namespace manifest_json {
namespace {

Result<Digest> hex_digest(const json& obj, std::string_view key) {
  Result<std::string> text = json_util::get_string(obj, key);
  HALLMARK_TRY(text);
  for (char c : *text) {
    if (c >= 'A' && c <= 'F') {
      return corrupt("\"" + std::string(key) + "\" must be lowercase hex");
    }
  }
  Result<Digest> d = fixed_from_hex<32>(*text);
  if (!d.ok()) {
    return corrupt("\"" + std::string(key) + "\" must be 64 hex digits");
  }
  return d;
}

Result<std::optional<std::string>> optional_string(const json& obj, std::string_view key) {
  if (!obj.contains(key)) {
    return std::optional<std::string>();
  }
  Result<std::string> s = json_util::get_string(obj, key);
  HALLMARK_TRY(s);
  return std::optional<std::string>(*s);
}

constexpr uint64_t kMaxSafeInteger = (uint64_t{1} << 53) - 1;

// The claims object, walking the one description of the claims (claims.h).
Status parse_claims(const json& c, Claims& out) {
  for (auto it = c.begin(); it != c.end(); ++it) {
    const bool known = it.key() == "location" || it.key() == "location_redacted" ||
                       std::any_of(claim_fields().begin(), claim_fields().end(),
                                   [&](const ClaimField& f) { return f.name == it.key(); });
    if (!known) {
      return corrupt("unknown member \"" + it.key() + "\"");
    }
  }
  for (const ClaimField& f : claim_fields()) {
    const std::string key(f.name);
    if (!c.contains(key)) {
      continue;
    }
    if (f.type == ClaimField::Type::kOrientation) {
      Result<uint64_t> o = json_util::get_uint(c, key, 8);
      HALLMARK_TRY(o);
      if (*o < 1) {
        return corrupt("\"" + key + "\" must be from 1 to 8");
      }
      out.*f.number = *o;
      continue;
    }
    Result<std::string> v = json_util::get_string(c, key);
    HALLMARK_TRY(v);
    if (v->empty() || v->size() > kMaxClaimText) {
      return corrupt("\"" + key + "\" must hold 1 to " + std::to_string(kMaxClaimText) + " bytes");
    }
    out.*f.text = *v;
  }
  if (c.contains("location")) {
    Result<std::string> v = json_util::get_string(c, "location");
    HALLMARK_TRY(v);
    if (!valid_location(*v)) {
      return corrupt("\"location\" must be \"lat,lon[,alt]\" with |lat| <= 90 and |lon| <= 180");
    }
    out.location = *v;
    out.location_present = true;
  }
  if (c.contains("location_redacted")) {
    if (!c["location_redacted"].is_boolean()) {
      return corrupt("\"location_redacted\" must be true or false");
    }
    if (c["location_redacted"].get<bool>()) {
      if (out.location) {
        return corrupt("\"location_redacted\" is true, but there is a \"location\"");
      }
      out.location_present = true;
    }
  }
  return {};
}

Result<std::optional<Digest>> optional_digest(const json& obj, std::string_view key) {
  if (!obj.contains(key)) {
    return std::optional<Digest>();
  }
  Result<Digest> d = hex_digest(obj, key);
  HALLMARK_TRY(d);
  return std::optional<Digest>(*d);
}

Result<MediaBindingInfo> parse_media(const json& m) {
  HALLMARK_TRY(json_util::only_keys(
      m, {"version", "format", "content_root", "metadata", "rendering", "trailer", "streams"}));
  MediaBindingInfo out;
  if (m.contains("version")) {
    Result<uint64_t> v = json_util::get_uint(m, "version", 1000);
    HALLMARK_TRY(v);
    if (*v < 2) {
      return corrupt("\"version\" must be 2 or more (version 1 is written without it)");
    }
    if (*v > kMaxMediaBindingVersion) {
      return unsupported("media binding version " + std::to_string(*v) +
                         " is not supported (only 1 to " + std::to_string(kMaxMediaBindingVersion) +
                         ")");
    }
    out.version = unsigned(*v);
  }
  Result<std::string> format = json_util::get_string(m, "format");
  HALLMARK_TRY(format);
  out.format = *format;
  for (auto [key, field] :
       {std::pair{"content_root", &out.content_root}, std::pair{"metadata", &out.metadata},
        std::pair{"rendering", &out.rendering}}) {
    Result<Digest> d = hex_digest(m, key);
    HALLMARK_TRY(d);
    *field = *d;
  }
  if (m.contains("trailer")) {
    Result<const json*> t = json_util::get_object(m, "trailer");
    HALLMARK_TRY(t);
    HALLMARK_TRY(json_util::only_keys(**t, {"digest", "size"}).with_context("\"trailer\""));
    Result<Digest> d = hex_digest(**t, "digest");
    HALLMARK_TRY(d.status().with_context("\"trailer\""));
    out.trailer = *d;
    Result<uint64_t> size = json_util::get_uint(**t, "size", kMaxSafeInteger);
    HALLMARK_TRY(size.status().with_context("\"trailer\""));
    out.trailer_size = *size;
  }
  Result<const json*> streams = json_util::get_array(m, "streams");
  HALLMARK_TRY(streams);
  if ((*streams)->size() > 4096) {
    return corrupt("more than 4096 streams");
  }
  for (const json& s : **streams) {
    if (!s.is_object()) {
      return corrupt("\"streams\" must hold objects");
    }
    HALLMARK_TRY(json_util::only_keys(s, {"kind", "ordinal", "codec", "root", "leaf_count",
                                          "config", "aux_root", "timing", "leaf_info"})
                     .with_context("\"streams\""));
    MediaStreamInfo info;
    Result<std::string> kind = json_util::get_string(s, "kind");
    HALLMARK_TRY(kind.status().with_context("\"streams\""));
    if (*kind != "video" && *kind != "audio" && *kind != "image") {
      return corrupt("\"streams\": \"kind\" must be video, audio or image");
    }
    info.kind = *kind;
    Result<uint64_t> ordinal = json_util::get_uint(s, "ordinal", 65535);
    HALLMARK_TRY(ordinal.status().with_context("\"streams\""));
    info.ordinal = *ordinal;
    Result<std::string> codec = json_util::get_string(s, "codec");
    HALLMARK_TRY(codec.status().with_context("\"streams\""));
    info.codec = *codec;
    Result<Digest> root = hex_digest(s, "root");
    HALLMARK_TRY(root.status().with_context("\"streams\""));
    info.root = *root;
    Result<uint64_t> count = json_util::get_uint(s, "leaf_count", kMaxSafeInteger);
    HALLMARK_TRY(count.status().with_context("\"streams\""));
    info.leaf_count = *count;
    Result<std::optional<Digest>> config = optional_digest(s, "config");
    HALLMARK_TRY(config.status().with_context("\"streams\""));
    info.config = *config;
    Result<std::optional<Digest>> aux = optional_digest(s, "aux_root");
    HALLMARK_TRY(aux.status().with_context("\"streams\""));
    info.aux_root = *aux;
    Result<std::optional<Digest>> leaf_info = optional_digest(s, "leaf_info");
    HALLMARK_TRY(leaf_info.status().with_context("\"streams\""));
    info.leaf_info = *leaf_info;
    if (s.contains("timing")) {
      Result<const json*> t = json_util::get_object(s, "timing");
      HALLMARK_TRY(t.status().with_context("\"streams\""));
      HALLMARK_TRY(
          json_util::only_keys(**t, {"start", "duration"}).with_context("\"streams\": \"timing\""));
      StreamTiming timing;
      for (auto [key, field] :
           {std::pair{"start", &timing.start}, std::pair{"duration", &timing.duration}}) {
        Result<std::string> text = json_util::get_string(**t, key);
        HALLMARK_TRY(text.status().with_context("\"streams\": \"timing\""));
        const std::optional<Rational> r = Rational::parse(*text);
        if (!r) {
          return corrupt("\"streams\": \"timing\": \"" + std::string(key) +
                         "\" must be a fraction NUM/DEN in lowest terms");
        }
        *field = *r;
      }
      if (timing.duration.num < 0) {
        return corrupt("\"streams\": \"timing\": \"duration\" must not be negative");
      }
      info.timing = timing;
    }
    if (out.version >= 2 && !info.leaf_info) {
      return corrupt("\"streams\": version 2 needs \"leaf_info\"");
    }
    out.streams.push_back(std::move(info));
  }
  return out;
}

Result<Manifest> from_json_inner(const json& doc) {
  if (!doc.is_object()) {
    return corrupt("not a JSON object");
  }
  if (!doc.contains("version")) {
    return corrupt("\"version\" is missing");
  }
  if (!doc["version"].is_number_integer()) {
    return corrupt("\"version\" must be the integer 1");
  }
  if (doc["version"] != 1) {
    return unsupported("version " + doc["version"].dump() + " is not supported (only 1)");
  }
  HALLMARK_TRY(
      json_util::only_keys(doc, {"version", "created", "generator", "title", "creator",
                                 "source_type", "actions", "parents", "bindings", "claims"}));
  Manifest m;
  Result<std::string> created = json_util::get_string(doc, "created");
  HALLMARK_TRY(created);
  HALLMARK_TRY(parse_rfc3339(*created).status().with_context("\"created\""));
  m.created = *created;
  Result<std::string> generator = json_util::get_string(doc, "generator");
  HALLMARK_TRY(generator);
  m.generator = *generator;
  Result<std::optional<std::string>> title = optional_string(doc, "title");
  HALLMARK_TRY(title);
  m.title = title->value_or("");

  Result<const json*> creator = json_util::get_object(doc, "creator");
  HALLMARK_TRY(creator);
  HALLMARK_TRY(json_util::only_keys(**creator, {"name", "key"}).with_context("\"creator\""));
  Result<std::string> name = json_util::get_string(**creator, "name");
  HALLMARK_TRY(name.status().with_context("\"creator\""));
  m.creator.name = *name;
  Result<std::string> key_text = json_util::get_string(**creator, "key");
  HALLMARK_TRY(key_text.status().with_context("\"creator\""));
  Result<keys::PublicKey> key = keys::parse_public_key(*key_text);
  HALLMARK_TRY(key.status().with_context("\"creator\".\"key\""));
  m.creator.key = *key;

  Result<std::optional<std::string>> source_type = optional_string(doc, "source_type");
  HALLMARK_TRY(source_type);
  m.source_type = source_type->value_or("");
  if (source_type->has_value() && !is_source_type(m.source_type)) {
    return corrupt("\"source_type\" \"" + m.source_type + "\" is not an IPTC digital source type");
  }

  Result<const json*> actions = json_util::get_array(doc, "actions");
  HALLMARK_TRY(actions);
  for (const json& a : **actions) {
    if (!a.is_object()) {
      return corrupt("\"actions\" must hold objects");
    }
    HALLMARK_TRY(json_util::only_keys(a, {"action", "description"}).with_context("\"actions\""));
    Action action;
    Result<std::string> act = json_util::get_string(a, "action");
    HALLMARK_TRY(act.status().with_context("\"actions\""));
    action.action = *act;
    Result<std::optional<std::string>> desc = optional_string(a, "description");
    HALLMARK_TRY(desc.status().with_context("\"actions\""));
    action.description = desc->value_or("");
    m.actions.push_back(std::move(action));
  }

  Result<const json*> parents = json_util::get_array(doc, "parents");
  HALLMARK_TRY(parents);
  for (const json& p : **parents) {
    if (!p.is_object()) {
      return corrupt("\"parents\" must hold objects");
    }
    HALLMARK_TRY(
        json_util::only_keys(p, {"manifest", "relationship", "roots"}).with_context("\"parents\""));
    ParentRef ref;
    Result<std::string> id = json_util::get_string(p, "manifest");
    HALLMARK_TRY(id.status().with_context("\"parents\""));
    if (!parse_digest_id(*id).ok()) {
      return corrupt("\"parents\": \"manifest\" must be sha256:<64 hex digits>");
    }
    ref.manifest_id = *id;
    Result<std::string> rel = json_util::get_string(p, "relationship");
    HALLMARK_TRY(rel.status().with_context("\"parents\""));
    ref.relationship = *rel;
    Result<const json*> roots = json_util::get_object(p, "roots");
    HALLMARK_TRY(roots.status().with_context("\"parents\""));
    for (auto it = (*roots)->begin(); it != (*roots)->end(); ++it) {
      Result<Digest> d = hex_digest(**roots, it.key());
      HALLMARK_TRY(d.status().with_context("\"parents\".\"roots\""));
      ref.roots[it.key()] = *d;
    }
    m.parents.push_back(std::move(ref));
  }

  Result<const json*> bindings = json_util::get_object(doc, "bindings");
  HALLMARK_TRY(bindings);
  HALLMARK_TRY(json_util::only_keys(**bindings, {"file", "media"}).with_context("\"bindings\""));
  if ((*bindings)->contains("file")) {
    Result<const json*> file = json_util::get_object(**bindings, "file");
    HALLMARK_TRY(file.status().with_context("\"bindings\""));
    const json& f = **file;
    HALLMARK_TRY(json_util::only_keys(f, {"alg", "chunk_size", "size", "root"})
                     .with_context("\"bindings\".\"file\""));
    Result<std::string> alg = json_util::get_string(f, "alg");
    HALLMARK_TRY(alg.status().with_context("\"bindings\".\"file\""));
    if (*alg != "rfc6962-sha256") {
      return unsupported("file binding algorithm \"" + *alg + "\" is not supported");
    }
    FileBindingInfo info;
    Result<uint64_t> chunk = json_util::get_uint(f, "chunk_size", uint64_t{1} << 26);
    HALLMARK_TRY(chunk.status().with_context("\"bindings\".\"file\""));
    if (*chunk < 4096 || (*chunk & (*chunk - 1)) != 0) {
      return corrupt("\"bindings\".\"file\": \"chunk_size\" must be a power of two from 4096");
    }
    info.chunk_size = *chunk;
    Result<uint64_t> size = json_util::get_uint(f, "size", kMaxSafeInteger);
    HALLMARK_TRY(size.status().with_context("\"bindings\".\"file\""));
    info.size = *size;
    Result<Digest> root = hex_digest(f, "root");
    HALLMARK_TRY(root.status().with_context("\"bindings\".\"file\""));
    info.root = *root;
    m.file = info;
  }
  if ((*bindings)->contains("media")) {
    Result<const json*> media = json_util::get_object(**bindings, "media");
    HALLMARK_TRY(media.status().with_context("\"bindings\""));
    Result<MediaBindingInfo> info = parse_media(**media);
    HALLMARK_TRY(info.status().with_context("\"bindings\".\"media\""));
    m.media = std::move(info).value();
  }
  if (!m.file) {
    return corrupt("\"bindings\" holds no file binding");
  }
  // What check_manifest() asks of a signer holds for every manifest read.
  const auto is_created = [](const Action& a) { return a.action == "c2pa.created"; };
  if (m.parents.empty()) {
    if (m.actions.empty() || !is_created(m.actions.front())) {
      return corrupt("a manifest without parents must start with the action c2pa.created");
    }
    if (std::count_if(m.actions.begin(), m.actions.end(), is_created) > 1) {
      return corrupt("c2pa.created may appear only once");
    }
  } else if (std::any_of(m.actions.begin(), m.actions.end(), is_created)) {
    return corrupt("a manifest with parents must not claim the action c2pa.created");
  }

  if (doc.contains("claims")) {
    Result<const json*> claims = json_util::get_object(doc, "claims");
    HALLMARK_TRY(claims);
    HALLMARK_TRY(parse_claims(**claims, m.claims).with_context("\"claims\""));
  }
  return m;
}

}  // namespace

// Every text a manifest carries is valid UTF-8, whatever a file name or a flag held: canonical
// JSON (RFC 8785) has no way to write anything else.
json to_json(const Manifest& m) {
  using text::to_valid_utf8;
  json doc = json::object();
  doc["version"] = m.version;
  doc["created"] = m.created;
  doc["generator"] = to_valid_utf8(m.generator);
  if (!m.title.empty()) {
    doc["title"] = to_valid_utf8(m.title);
  }
  doc["creator"] = {{"name", to_valid_utf8(m.creator.name)}, {"key", m.creator.key.to_string()}};
  if (!m.source_type.empty()) {
    doc["source_type"] = m.source_type;
  }
  doc["actions"] = json::array();
  for (const Action& a : m.actions) {
    json action = {{"action", a.action}};
    if (!a.description.empty()) {
      action["description"] = to_valid_utf8(a.description);
    }
    doc["actions"].push_back(std::move(action));
  }
  doc["parents"] = json::array();
  for (const ParentRef& p : m.parents) {
    json roots = json::object();
    for (const auto& [name, digest] : p.roots) {
      roots[name] = to_hex(digest);
    }
    doc["parents"].push_back(
        {{"manifest", p.manifest_id}, {"relationship", p.relationship}, {"roots", roots}});
  }
  doc["bindings"] = json::object();
  if (m.file) {
    doc["bindings"]["file"] = {{"alg", "rfc6962-sha256"},
                               {"chunk_size", m.file->chunk_size},
                               {"size", m.file->size},
                               {"root", to_hex(m.file->root)}};
  }
  if (m.media) {
    const MediaBindingInfo& mb = *m.media;
    json media = {{"format", mb.format},
                  {"content_root", to_hex(mb.content_root)},
                  {"metadata", to_hex(mb.metadata)},
                  {"rendering", to_hex(mb.rendering)}};
    if (mb.version >= 2) {
      media["version"] = mb.version;
    }
    if (mb.trailer) {
      media["trailer"] = {{"digest", to_hex(*mb.trailer)}, {"size", mb.trailer_size}};
    }
    json streams = json::array();
    for (const MediaStreamInfo& st : mb.streams) {
      json j = {{"kind", st.kind},
                {"ordinal", st.ordinal},
                {"codec", st.codec},
                {"root", to_hex(st.root)},
                {"leaf_count", st.leaf_count}};
      if (st.config) {
        j["config"] = to_hex(*st.config);
      }
      if (st.aux_root) {
        j["aux_root"] = to_hex(*st.aux_root);
      }
      if (st.timing) {
        j["timing"] = {{"start", st.timing->start.to_string()},
                       {"duration", st.timing->duration.to_string()}};
      }
      if (st.leaf_info) {
        j["leaf_info"] = to_hex(*st.leaf_info);
      }
      streams.push_back(std::move(j));
    }
    media["streams"] = std::move(streams);
    doc["bindings"]["media"] = std::move(media);
  }
  if (!m.claims.empty()) {
    json c = json::object();
    for (const ClaimField& f : claim_fields()) {
      if (f.text != nullptr && m.claims.*f.text) {
        c[std::string(f.name)] = to_valid_utf8(*(m.claims.*f.text));
      } else if (f.number != nullptr && m.claims.*f.number) {
        c[std::string(f.name)] = *(m.claims.*f.number);
      }
    }
    if (m.claims.location) {
      c["location"] = to_valid_utf8(*m.claims.location);
    }
    if (m.claims.location_redacted()) {
      c["location_redacted"] = true;
    }
    doc["claims"] = std::move(c);
  }
  return doc;
}

Result<Manifest> from_json(const json& doc) {
  Result<Manifest> m = from_json_inner(doc);
  if (!m.ok()) {
    return m.status().with_context("manifest");
  }
  return m;
}

}  // namespace manifest_json
}  // namespace hallmark
