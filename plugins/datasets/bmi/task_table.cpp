#include "task_table.h"

namespace miwb::bmi {
namespace {

TaskSpec normalDense(Index dx, Index dy, double rho) {
  TaskSpec s;
  s.family = Family::NormalDense;
  s.dx = dx;
  s.dy = dy;
  s.rho = rho;
  return s;
}

// bmi's sparse tasks: 2 interacting pairs of latent strength 2.0.
TaskSpec normalSparse(Index d) {
  TaskSpec s;
  s.family = Family::NormalSparse;
  s.dx = s.dy = d;
  s.pairs = 2;
  s.strength = 2.0;
  return s;
}

TaskSpec studentIdentity(Index dx, Index dy, double dof) {
  TaskSpec s;
  s.family = Family::StudentDense;
  s.dx = dx;
  s.dy = dy;
  s.rho = 0.0;
  s.dof = dof;
  return s;
}

TaskSpec additive(double noise) {
  TaskSpec s;
  s.family = Family::AdditiveUniform;
  s.noise = noise;
  return s;
}

TaskSpec mapped(TaskSpec s, Transform t) {
  s.transform = t;
  return s;
}

std::string sparseId(Index d) { return "multinormal-sparse-" + std::to_string(d) + "-" + std::to_string(d) + "-2-2.0"; }

std::vector<NamedTask> buildTable() {
  const TaskSpec normal11 = normalDense(1, 1, 0.75);
  std::vector<NamedTask> t = {
      {"1v1-normal-0.75", normal11},
      {"normal_cdf-1v1-normal-0.75", mapped(normal11, Transform::NormalCdf)},
      {"1v1-additive-0.1", additive(0.1)},
      {"1v1-additive-0.75", additive(0.75)},
      {"1v1-bimodal-0.75", mapped(normal11, Transform::Bimodal)},
      {"wiggly-1v1-normal-0.75", mapped(normal11, Transform::Wiggly)},
      {"half_cube-1v1-normal-0.75", mapped(normal11, Transform::HalfCube)},
      {"student-identity-1-1-1", studentIdentity(1, 1, 1.0)},
      {"asinh-student-identity-1-1-1", mapped(studentIdentity(1, 1, 1.0), Transform::Asinh)},
      {"swissroll_x-normal_cdf-1v1-normal-0.75", mapped(normal11, Transform::SwissRollX)},
  };
  for (Index d : {2, 3, 5, 25, 50})
    t.push_back({"multinormal-dense-" + std::to_string(d) + "-" + std::to_string(d) + "-0.5", normalDense(d, d, 0.5)});
  for (Index d : {2, 3, 5, 25}) t.push_back({sparseId(d), normalSparse(d)});
  for (auto [d, dof] : {std::pair<Index, int>{2, 1}, {2, 2}, {3, 2}, {3, 3}, {5, 2}, {5, 3}})
    t.push_back({"student-identity-" + std::to_string(d) + "-" + std::to_string(d) + "-" + std::to_string(dof),
                 studentIdentity(d, d, dof)});
  for (auto [prefix, transform] : {std::pair<const char*, Transform>{"normal_cdf", Transform::NormalCdf},
                                   {"half_cube", Transform::HalfCube},
                                   {"spiral", Transform::Spiral},
                                   {"spiral-normal_cdf", Transform::SpiralNormalCdf}})
    for (Index d : {3, 5, 25})
      t.push_back({std::string(prefix) + "-" + sparseId(d), mapped(normalSparse(d), transform)});
  for (auto [d, dof] : {std::pair<Index, int>{2, 1}, {3, 2}, {5, 2}})
    t.push_back({"asinh-student-identity-" + std::to_string(d) + "-" + std::to_string(d) + "-" + std::to_string(dof),
                 mapped(studentIdentity(d, d, dof), Transform::Asinh)});
  return t;
}

}  // namespace

const std::vector<NamedTask>& namedTasks() {
  static const std::vector<NamedTask> table = buildTable();
  return table;
}

Status findTask(const std::string& id, TaskSpec& out) {
  for (const auto& task : namedTasks())
    if (task.id == id) {
      out = task.spec;
      return Status::ok();
    }
  return Status::invalidInput(
      "parameter 'task' of 'bmi': unknown task '" + id +
      "'; the families are one-dimensional (1v1-normal-0.75, 1v1-additive-E, 1v1-bimodal-0.75, and maps of them), "
      "multinormal-dense-D-D-0.5, multinormal-sparse-D-D-2-2.0, student-identity-DX-DY-DOF, their maps "
      "(normal_cdf-, half_cube-, spiral-, spiral-normal_cdf-, asinh-, wiggly-, swissroll_x-), or 'custom'");
}

}  // namespace miwb::bmi
