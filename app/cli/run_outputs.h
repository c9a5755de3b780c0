#pragma once
// What `run`, `merge` and `slurm` share: reading an experiment file, the --figures list, and the
// figures a finished run leaves in its folder (the tables come from miwb::writeResultTables).
#include <QDir>
#include <QStringList>
#include <string>
#include <vector>

#include "miwb/host/experiment/experiment.h"
#include "miwb/host/plugins/plugin_registry.h"
#include "miwb/host/run/result_row.h"
#include "miwb/status.h"

namespace cli {

// Reads, parses and resolves EXPERIMENT.json against the plugins found; messages name the file.
miwb::Status loadExperiment(const std::string& path, miwb::PluginRegistry& registry, miwb::Experiment& out);

// "png,svg,pdf" -> the formats; an unknown one is an error naming the option.
miwb::Status parseFigureFormats(const QString& list, QStringList& out);

// The same figures as the window's views, each in every format, with the data behind it as CSV.
miwb::Status writeFigures(const miwb::Experiment& experiment, const std::vector<miwb::ResultRow>& table,
                          const QDir& out, const QStringList& formats);

}  // namespace cli
