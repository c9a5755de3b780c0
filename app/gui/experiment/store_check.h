#pragma once
// Checks an activation store as soon as it is chosen (not at Run): opens it on a worker thread as a
// run would and summarises it (samples, input columns, layers with their units, epochs, file size),
// or says what is wrong with it. The result comes back on the GUI thread through `checked`.
#include <QObject>
#include <QThreadPool>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "miwb/params.h"

namespace miwb {
class PluginRegistry;
}

namespace miwb::gui {

struct StoreSummary {
  QString path;
  QString error;  // empty when the store opened
  long long samples = 0;
  long long inputColumns = 0;
  QStringList layers;
  std::vector<long long> units;  // per layer
  std::vector<int> epochs;
  long long bytes = 0;           // on disk (a folder: its files)
  QString text() const;          // one paragraph for the window
};

class StoreCheck : public QObject {
  Q_OBJECT
 public:
  explicit StoreCheck(const PluginRegistry& registry, QObject* parent = nullptr);
  ~StoreCheck() override;

  // Starts checking `params` of dataset `datasetId` unless it is the store checked (or being
  // checked) already; the last request wins.
  void check(const std::string& datasetId, const Json& params);
  bool pending() const { return pending_; }
  const StoreSummary* result() const { return done_ ? &summary_ : nullptr; }  // for the current request

 Q_SIGNALS:
  void checked(const miwb::gui::StoreSummary& summary);

 private:
  const PluginRegistry& registry_;
  std::string key_;
  bool pending_ = false;
  bool done_ = false;
  StoreSummary summary_;
  std::shared_ptr<int> generation_;  // outlives this object in the worker; tells stale results apart
  QThreadPool pool_;  // its destructor waits for a check in flight, which uses the registry
};

}  // namespace miwb::gui
