#include "cli/check_report.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/output.h"
#include "cli/terminal.h"
#include "hallmark/escape.h"
#include "hallmark/rfc3339.h"
#include "hallmark/walk.h"

namespace hallmark::cli {
namespace {

const char* outcome_word(FileCheck::Outcome o) {
  switch (o) {
    case FileCheck::Outcome::kPassed:
      return "passed";
    case FileCheck::Outcome::kFailed:
      return "failed";
    case FileCheck::Outcome::kSkipped:
      return "skipped";
    case FileCheck::Outcome::kError:
      return "error";
  }
  return "error";
}

// verify's first line for the file without its "FILE: ✘ " prefix: "tampered — video ...".
std::string verdict_text(const FileCheck& fc) {
  const std::string line = render_text(*fc.report, false).front();
  const size_t mark = line.find(' ', fc.path.size() + 2);
  return mark == std::string::npos ? line : line.substr(mark + 1);
}

// Why a file failed, in one line: the verdict as verify words it, then the policy's reasons.
std::string why(const FileCheck& fc) {
  if (fc.outcome == FileCheck::Outcome::kError) {
    return fc.error.message();
  }
  if (fc.outcome == FileCheck::Outcome::kSkipped) {
    return fc.skip_reason;
  }
  std::string out;
  for (const Violation& v : fc.violations) {
    const bool verdict = fc.report && v.rule == verdict_name(fc.report->verdict);
    out += (out.empty() ? "" : "; ") + (verdict ? verdict_text(fc) : v.rule + ": " + v.message);
  }
  return out;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

// ---------------------------------------------------------------------------------------
class TextWriter : public CheckWriter {
 public:
  TextWriter(std::ostream& out, TextStyle style) : out_(out), style_(style) {}

  void file(const FileCheck& fc) override {
    const bool bad =
        fc.outcome == FileCheck::Outcome::kFailed || fc.outcome == FileCheck::Outcome::kError;
    // Skipped files are listed with --verbose, but a bundle skipped (one without its file, or
    // one named instead of its file) always: a tree of only those must not look empty.
    const bool bundle = is_provenance_file(std::filesystem::path(fc.path).filename().string());
    if ((style_.quiet && !bad) ||
        (fc.outcome == FileCheck::Outcome::kSkipped && !style_.verbose && !bundle)) {
      return;
    }
    const char* mark = "✔";
    std::string_view color = kGreen;
    std::string text;
    switch (fc.outcome) {
      case FileCheck::Outcome::kPassed:
        text = verdict_text(fc);
        break;
      case FileCheck::Outcome::kFailed:
        mark = "✘";
        color = kRed;
        text = why(fc);
        break;
      case FileCheck::Outcome::kSkipped:
        mark = "-";
        color = kYellow;
        text = "skipped: " + fc.skip_reason;
        break;
      case FileCheck::Outcome::kError:
        mark = "!";
        color = kRed;
        text = "error: " + fc.error.message();
        break;
    }
    if (style_.color) {
      write_raw(out_, color);
      out_ << mark;
      write_raw(out_, kReset);
      out_ << " ";
    } else {
      out_ << mark << " ";
    }
    out_ << fc.path << " — " << text << nl;
    if (style_.verbose && fc.report) {
      for (const std::string& line : render_text(*fc.report, true)) {
        if (line.rfind("  ", 0) == 0) {
          out_ << line << nl;
        }
      }
    }
  }

  void finish(const CheckSummary& s) override {
    std::string line = "hallmark check: " + std::to_string(s.files) +
                       (s.files == 1 ? " file, " : " files, ") + std::to_string(s.passed) +
                       " passed, " + std::to_string(s.failed) + " failed, " +
                       std::to_string(s.skipped) + " skipped, " + std::to_string(s.errors) +
                       (s.errors == 1 ? " error" : " errors");
    line += " (" + seconds_text(s.seconds) + " s)";
    if (style_.color) {
      write_raw(out_, s.exit_code() == 0 ? kGreen : kRed);
      out_ << line;
      write_raw(out_, kReset);
      out_ << nl;
    } else {
      out_ << line << nl;
    }
    out_.flush();
  }

 private:
  std::ostream& out_;
  TextStyle style_;
};

// ---------------------------------------------------------------------------------------
Json summary_json(const CheckSummary& s) {
  return {{"files", s.files},   {"passed", s.passed}, {"failed", s.failed},  {"skipped", s.skipped},
          {"errors", s.errors}, {"bytes", s.bytes},   {"seconds", s.seconds}};
}

class JsonWriter : public CheckWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {
    out_ << "{\n  \"hallmark_report\": 1,\n  \"generator\": \"hallmark/" << HALLMARK_VERSION
         << "\",\n  \"command\": \"check\",\n  \"files\": [";
  }

  void file(const FileCheck& fc) override {
    Json f;
    if (fc.report || fc.outcome == FileCheck::Outcome::kError) {
      f = report_file_json(fc.path,
                           fc.report ? Result<Report>(*fc.report) : Result<Report>(fc.error));
    } else {
      f = {{"file", fc.path}, {"verdict", nullptr}, {"verified", false}};
    }
    f["relative"] = is_utf8(fc.relative) ? fc.relative : escape_text(fc.relative);
    f["outcome"] = outcome_word(fc.outcome);
    f["passed"] = fc.outcome == FileCheck::Outcome::kPassed;
    if (fc.outcome == FileCheck::Outcome::kSkipped) {
      f["skip_reason"] = fc.skip_reason;
    }
    Json violations = Json::array();
    for (const Violation& v : fc.violations) {
      violations.push_back({{"rule", v.rule}, {"message", v.message}});
    }
    f["violations"] = std::move(violations);
    out_ << (first_ ? "\n" : ",\n") << indent(json_text(f, 2));
    first_ = false;
  }

  void finish(const CheckSummary& s) override {
    out_ << (first_ ? "],\n" : "\n  ],\n")
         << "  \"summary\": " << indent(json_text(summary_json(s), 2))
         << ",\n  \"exit_code\": " << s.exit_code() << "\n}\n";
    out_.flush();
  }

 private:
  // Indents a pretty-printed value by four spaces (its place inside "files").
  static std::string indent(const std::string& text) {
    std::string out = "    ";
    for (char c : text) {
      out += c;
      if (c == '\n') {
        out += "    ";
      }
    }
    return out;
  }

  std::ostream& out_;
  bool first_ = true;
};

// ---------------------------------------------------------------------------------------
// Text for an XML 1.0 attribute or element: escape_text() first (so the document is UTF-8
// and holds no character XML forbids, whatever bytes a file name has), then the entities.
std::string xml_escape(std::string_view raw) {
  const std::string s = escape_text(raw);
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += static_cast<char>(c);  // No control characters are left.
    }
  }
  return out;
}

class JunitWriter : public CheckWriter {
 public:
  explicit JunitWriter(std::ostream& out) : out_(out), spool_(std::tmpfile()) {}
  ~JunitWriter() override {
    if (spool_ != nullptr) {
      std::fclose(spool_);
    }
  }

  void file(const FileCheck& fc) override {
    std::string tc =
        "    <testcase classname=\"hallmark.check\" name=\"" + xml_escape(fc.path) + "\"";
    switch (fc.outcome) {
      case FileCheck::Outcome::kPassed:
        tc += "/>\n";
        break;
      case FileCheck::Outcome::kSkipped:
        tc += ">\n      <skipped>" + xml_escape(fc.skip_reason) + "</skipped>\n    </testcase>\n";
        break;
      case FileCheck::Outcome::kError:
        tc += ">\n      <error type=\"" + std::string(code_name(fc.error.code())) +
              "\" message=\"" + xml_escape(fc.error.message()) + "\"/>\n    </testcase>\n";
        break;
      case FileCheck::Outcome::kFailed: {
        tc += ">\n";
        for (const Violation& v : fc.violations) {
          tc += "      <failure type=\"" + xml_escape(v.rule) + "\" message=\"" +
                xml_escape(v.message) + "\">";
          if (fc.report) {
            tc += xml_escape(render_text(*fc.report, false).front());
          }
          tc += "</failure>\n";
        }
        tc += "    </testcase>\n";
        break;
      }
    }
    if (spool_ != nullptr) {
      std::fwrite(tc.data(), 1, tc.size(), spool_);
    }
  }

  void finish(const CheckSummary& s) override {
    const std::string counts =
        "tests=\"" + std::to_string(s.files) + "\" failures=\"" + std::to_string(s.failed) +
        "\" errors=\"" + std::to_string(s.errors) + "\" time=\"" + seconds_text(s.seconds) + "\"";
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<testsuites name=\"hallmark check\" " << counts << ">\n"
         << "  <testsuite name=\"hallmark check\" " << counts << " skipped=\"" << s.skipped
         << "\" timestamp=\"" << format_rfc3339(unix_now()).substr(0, 19) << "\">\n";
    if (spool_ != nullptr) {
      std::rewind(spool_);
      char buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, spool_)) > 0) {
        out_.write(buf, static_cast<std::streamsize>(n));
      }
    }
    out_ << "  </testsuite>\n</testsuites>\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  std::FILE* spool_;
};

// ---------------------------------------------------------------------------------------
struct SarifRule {
  const char* id;
  const char* text;
};

// Every rule a result can carry: the verdicts, then the policy's own checks.
constexpr SarifRule kSarifRules[] = {
    {"tampered", "The content differs from what was signed."},
    {"invalid-signature", "A signature does not verify, or the creator did not sign."},
    {"untrusted-signer", "No signer is trusted at the signing time."},
    {"revoked-signer", "A signer's key has been revoked."},
    {"unsigned", "The file carries no provenance."},
    {"log-inconsistent", "The transparency log showed a split view or was rewritten."},
    {"malformed", "The provenance data is broken."},
    {"verified-content", "Metadata or container changed and the policy does not allow it."},
    {"signer-not-allowed", "Not signed by a signer the policy requires."},
    {"ai-refused", "AI-generated content where the policy refuses it."},
    {"ai-undeclared", "A manifest does not declare its digital source type."},
    {"receipt-missing", "No transparency log receipt from the policy's logs."},
    {"c2pa-invalid", "C2PA Content Credentials are invalid."},
    {"c2pa-untrusted", "C2PA Content Credentials are valid but not trusted."},
    {"error", "The file could not be checked."},
};

int rule_index(std::string_view id) {
  for (size_t i = 0; i < std::size(kSarifRules); ++i) {
    if (id == kSarifRules[i].id) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// A relative path as a URI reference (RFC 3986): unreserved characters and '/' kept.
std::string uri_escape(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Regions listed for one tampered file at most; the text and JSON reports list every range.
constexpr size_t kMaxSarifRegions = 100;

class SarifWriter : public CheckWriter {
 public:
  explicit SarifWriter(std::ostream& out) : out_(out) {
    Json rules = Json::array();
    for (const SarifRule& r : kSarifRules) {
      rules.push_back({{"id", r.id},
                       {"shortDescription", {{"text", r.text}}},
                       {"defaultConfiguration", {{"level", "error"}}}});
    }
    const Json tool = {
        {"driver",
         {{"name", "hallmark"}, {"version", HALLMARK_VERSION}, {"rules", std::move(rules)}}}};
    out_ << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
         << "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": " << json_text(tool)
         << ",\n      \"results\": [";
  }

  void file(const FileCheck& fc) override {
    if (fc.outcome == FileCheck::Outcome::kPassed || fc.outcome == FileCheck::Outcome::kSkipped) {
      return;
    }
    std::vector<std::pair<std::string, std::string>> items;  // (rule, message)
    if (fc.outcome == FileCheck::Outcome::kError) {
      items.emplace_back("error", fc.error.message());
    }
    for (const Violation& v : fc.violations) {
      // The verdict in verify's words, which locate a change ("image unit 6 (scan 0) differs
      // from what alice signed"); the policy's own rules in theirs.
      const bool verdict = fc.report && v.rule == verdict_name(fc.report->verdict);
      items.emplace_back(v.rule, verdict             ? verdict_text(fc)
                                 : v.message.empty() ? v.rule
                                                     : v.message);
    }
    for (const auto& [rule, message] : items) {
      const Json artifact = {{"uri", uri_escape(fc.path)}};
      Json locations = Json::array();
      if (rule == "tampered" && fc.report) {
        // One region per changed chunk of the file as it is now (a range of a longer signed
        // file is cut at its end). A range over the whole file says no more than the file.
        for (const ByteRange& b : fc.report->changed_bytes) {
          const uint64_t end = std::min(b.end, fc.bytes);
          const uint64_t begin = std::min(b.begin, end);
          if ((begin == 0 && end == fc.bytes) || locations.size() == kMaxSarifRegions) {
            continue;
          }
          locations.push_back(
              {{"physicalLocation",
                {{"artifactLocation", artifact},
                 {"region", {{"byteOffset", begin}, {"byteLength", end - begin}}}}}});
        }
      }
      if (locations.empty()) {
        locations.push_back({{"physicalLocation", {{"artifactLocation", artifact}}}});
      }
      Json result = {{"ruleId", rule},
                     {"level", "error"},
                     {"message", {{"text", escape_text(fc.path + ": " + message)}}},
                     {"locations", std::move(locations)}};
      if (const int i = rule_index(rule); i >= 0) {
        result["ruleIndex"] = i;
      }
      out_ << (first_ ? "\n        " : ",\n        ") << json_text(result);
      first_ = false;
    }
  }

  void finish(const CheckSummary& s) override {
    out_ << (first_ ? "],\n" : "\n      ],\n")
         << "      \"invocations\": [{\"executionSuccessful\": "
         << (s.errors == 0 ? "true" : "false") << "}]\n    }\n  ]\n}\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<CheckWriter> make_check_writer(const std::string& format, std::ostream& out,
                                               const TextStyle& style) {
  if (format == "text") {
    return std::make_unique<TextWriter>(out, style);
  }
  if (format == "json") {
    return std::make_unique<JsonWriter>(out);
  }
  if (format == "junit") {
    return std::make_unique<JunitWriter>(out);
  }
  if (format == "sarif") {
    return std::make_unique<SarifWriter>(out);
  }
  return nullptr;
}

}  // namespace hallmark::cli
