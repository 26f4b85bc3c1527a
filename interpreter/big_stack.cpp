#include "interpreter/big_stack.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <exception>
#include <system_error>
#include <utility>

namespace nyash {
namespace {

struct Task {
    std::function<void()> body;
    std::exception_ptr failure;
};

void* run_task(void* argument) {
    auto* task = static_cast<Task*>(argument);
    try {
        task->body();
    } catch (...) {
        task->failure = std::current_exception();
    }
    return nullptr;
}

// Owns a pthread attribute object for the duration of one thread start.
class ThreadAttributes {
public:
    ThreadAttributes() {
        if (int rc = pthread_attr_init(&attributes_); rc != 0)
            throw std::system_error(rc, std::generic_category(), "pthread_attr_init");
    }
    ~ThreadAttributes() { pthread_attr_destroy(&attributes_); }
    ThreadAttributes(const ThreadAttributes&) = delete;
    ThreadAttributes& operator=(const ThreadAttributes&) = delete;
    pthread_attr_t* get() { return &attributes_; }

private:
    pthread_attr_t attributes_;
};

}  // namespace

void run_with_large_stack(std::function<void()> body, size_t stack_bytes) {
    Task task{std::move(body), nullptr};
    ThreadAttributes attributes;
    if (int rc = pthread_attr_setstacksize(attributes.get(), stack_bytes); rc != 0)
        throw std::system_error(rc, std::generic_category(), "pthread_attr_setstacksize");
    pthread_t thread;
    if (int rc = pthread_create(&thread, attributes.get(), run_task, &task); rc != 0)
        throw std::system_error(rc, std::generic_category(), "cannot start a thread with a large stack");
    pthread_join(thread, nullptr);
    if (task.failure) std::rethrow_exception(task.failure);
}

void run_with_stack(std::function<void()> body, size_t stack_bytes) {
    rlimit limit{};
    const bool main_stack_suffices = getrlimit(RLIMIT_STACK, &limit) == 0 &&
                                     (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= stack_bytes);
    if (main_stack_suffices)
        body();
    else
        run_with_large_stack(std::move(body), stack_bytes);
}

}  // namespace nyash
