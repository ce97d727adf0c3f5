package io.myriad.reminder.task;

import io.myriad.observability.web.ApiOperation;
import io.myriad.reminder.security.CurrentUser;
import io.myriad.reminder.web.Ids;
import io.myriad.reminder.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's tasks; another user's task id answers 404 as an unknown one does. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

    private final TaskStore tasks;

    TaskController(TaskStore tasks) {
        this.tasks = tasks;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiOperation(entity = "task", operation = "create")
    Task create(@Valid @RequestBody TaskRequest request) {
        return this.tasks.create(CurrentUser.id(), request);
    }

    @GetMapping
    @ApiOperation(entity = "task", operation = "list")
    Page<Task> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return this.tasks.list(CurrentUser.id(), page, size);
    }

    @GetMapping("/{id}")
    @ApiOperation(entity = "task", operation = "read")
    Task get(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id) {
        return this.tasks.get(CurrentUser.id(), id);
    }

    @PutMapping("/{id}")
    @ApiOperation(entity = "task", operation = "update")
    Task update(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id,
            @Valid @RequestBody TaskRequest request) {
        return this.tasks.update(CurrentUser.id(), id, request);
    }

    @PostMapping("/{id}/complete")
    @ApiOperation(entity = "task", operation = "complete")
    Task complete(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id) {
        return this.tasks.complete(CurrentUser.id(), id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiOperation(entity = "task", operation = "delete")
    void delete(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id) {
        this.tasks.delete(CurrentUser.id(), id);
    }
}
