#include "miwb/host/run/result_row.h"
#include "text_fields.h"
#include "miwb/units.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace miwb {
namespace {

template <class T>
Json orNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

template <class T>
void readOptional(const Json& line, const char* key, std::optional<T>& out) {
  if (line.contains(key) && !line[key].is_null()) out = line[key].get<T>();
}

// Shortest text that reads back to the same double.
std::string exact(double v) {
  std::ostringstream s;
  s << std::setprecision(17) << v;
  return s.str();
}

}  // namespace

Json ResultRow::toJson() const {
  Json j = {{"task", task},
            {"estimator", estimator},
            {"estimator_id", estimatorId},
            {"quantity", quantity},
            {"n", orNull(n)},
            {"dx", orNull(dx)},
            {"dy", orNull(dy)},
            {"repeat", orNull(repeat)},
            {"layer", orNull(layer)},
            {"epoch", orNull(epoch)},
            {"value_nats", valueNats && std::isfinite(*valueNats) ? Json(*valueNats) : Json(nullptr)},
            {"stderr_nats", orNull(stderrNats)},
            {"true_nats", orNull(trueNats)},
            {"ci_low_nats", orNull(ciLowNats)},
            {"ci_high_nats", orNull(ciHighNats)},
            {"p_value", orNull(pValue)},
            {"null_mean_nats", orNull(nullMeanNats)},
            {"effective_nats", valueNats && nullMeanNats ? Json(*valueNats - *nullMeanNats) : Json(nullptr)},
            {"seconds", seconds},
            {"status", ok ? "ok" : "failed"},
            {"message", message}};
  if (!sweepParam.empty()) {
    j["sweep_param"] = sweepParam;
    j["sweep_value"] = sweepValue;
  }
  if (!benchmarkTask.empty()) j["benchmark_task"] = benchmarkTask;
  if (layerIndex) j["layer_index"] = *layerIndex;
  if (standardized) j["standardized"] = true;
  if (!details.empty()) j["details"] = details;
  return j;
}

bool ResultRow::fromJson(const Json& line, ResultRow& out) {
  try {
    ResultRow r;
    r.task = line.at("task").get<std::string>();
    r.estimator = line.value("estimator", "");
    r.estimatorId = line.value("estimator_id", "");
    r.quantity = line.value("quantity", "");
    readOptional(line, "n", r.n);
    readOptional(line, "dx", r.dx);
    readOptional(line, "dy", r.dy);
    readOptional(line, "repeat", r.repeat);
    readOptional(line, "layer", r.layer);
    readOptional(line, "epoch", r.epoch);
    readOptional(line, "layer_index", r.layerIndex);
    readOptional(line, "value_nats", r.valueNats);
    readOptional(line, "stderr_nats", r.stderrNats);
    readOptional(line, "true_nats", r.trueNats);
    readOptional(line, "ci_low_nats", r.ciLowNats);
    readOptional(line, "ci_high_nats", r.ciHighNats);
    readOptional(line, "p_value", r.pValue);
    readOptional(line, "null_mean_nats", r.nullMeanNats);
    r.seconds = line.value("seconds", 0.0);
    r.ok = line.value("status", "") == "ok";
    r.message = line.value("message", "");
    r.sweepParam = line.value("sweep_param", "");
    if (line.contains("sweep_value")) r.sweepValue = line["sweep_value"];
    r.benchmarkTask = line.value("benchmark_task", "");
    r.standardized = line.value("standardized", false);
    if (line.contains("details")) r.details = line["details"];
    out = std::move(r);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

const char* resultCsvHeader() {
  return "task,estimator,estimator_id,quantity,n,repeat,layer,epoch,sweep_param,sweep_value,value_nats,value_bits,"
         "stderr_nats,true_nats,seconds,status,message,benchmark_task,standardized,ci_low_nats,ci_high_nats,p_value,"
         "effective_nats";
}

std::string toCsvLine(const ResultRow& r) {
  auto num = [](const std::optional<double>& v) { return v && std::isfinite(*v) ? exact(*v) : std::string(); };
  std::optional<double> bits, effective;
  if (r.valueNats) bits = natsToBits(*r.valueNats);
  if (r.valueNats && r.nullMeanNats) effective = *r.valueNats - *r.nullMeanNats;
  std::ostringstream s;
  s << csvField(r.task) << ',' << csvField(r.estimator) << ',' << csvField(r.estimatorId) << ',' << csvField(r.quantity)
    << ',' << (r.n ? std::to_string(*r.n) : "") << ',' << (r.repeat ? std::to_string(*r.repeat) : "") << ','
    << csvField(r.layer.value_or("")) << ',' << (r.epoch ? std::to_string(*r.epoch) : "") << ','
    << csvField(r.sweepParam) << ','
    << csvField(r.sweepParam.empty() ? std::string() : (r.sweepValue.is_string() ? r.sweepValue.get<std::string>() : r.sweepValue.dump()))
    << ',' << num(r.valueNats) << ',' << num(bits) << ',' << num(r.stderrNats) << ',' << num(r.trueNats) << ','
    << exact(r.seconds) << ',' << (r.ok ? "ok" : "failed") << ',' << csvField(r.message) << ','
    << csvField(r.benchmarkTask) << ',' << (r.standardized ? "true" : "false") << ',' << num(r.ciLowNats) << ','
    << num(r.ciHighNats) << ',' << num(r.pValue) << ',' << num(effective);
  return s.str();
}

}  // namespace miwb
