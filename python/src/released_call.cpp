#include "released_call.h"

#include <pybind11/pybind11.h>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace py = pybind11;

namespace miwbpy {

miwb::Status callReleased(const std::function<miwb::Status()>& work, std::atomic<bool>& cancel,
                          const std::function<void()>& poll) {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  miwb::Status result;
  std::exception_ptr raised;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      miwb::Status s;
      try {
        s = work();
      } catch (const std::exception& e) {
        s = miwb::Status::failed(e.what());
      }
      std::lock_guard lock(mutex);
      result = std::move(s);
      done = true;
      finished.notify_all();
    });
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      if (raised) continue;  // cancelled already: wait for the work to stop
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        try {
          if (PyErr_CheckSignals() != 0) throw py::error_already_set();
          if (poll) poll();
        } catch (...) {
          raised = std::current_exception();
          cancel.store(true);
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (raised) std::rethrow_exception(raised);
  return result;
}

void raise(const miwb::Status& status) {
  switch (status.code()) {
    case miwb::StatusCode::InvalidInput:
    case miwb::StatusCode::Unsupported:
      throw py::value_error(status.message());
    case miwb::StatusCode::Cancelled:
      PyErr_SetString(PyExc_KeyboardInterrupt, status.message().c_str());
      throw py::error_already_set();
    default:
      throw std::runtime_error(status.message());
  }
}

}  // namespace miwbpy
