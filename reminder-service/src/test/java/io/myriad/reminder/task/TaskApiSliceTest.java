package io.myriad.reminder.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.myriad.observability.security.JwtSecurityAutoConfiguration;
import io.myriad.reminder.TestIdentity;
import io.myriad.reminder.web.NotFoundException;
import io.myriad.reminder.web.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The task API's HTTP contract on its own: every call acts for the user its token names, bad input is a 400 problem
 * naming each field before the store is asked, and another user's or an unknown task is a 404 problem. The real
 * security chain checks real tokens; only the store, which needs Redis ({@code ReminderApiIT} runs it), stands in.
 */
@WebMvcTest(TaskController.class)
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, JwtSecurityAutoConfiguration.class })
@ComponentScan(basePackages = "io.myriad.reminder.security", useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*SecurityConfiguration"))
class TaskApiSliceTest {

    private static final String ID = "3f2b8c4e-9d1a-4e7b-8c2d-5a6f7e8d9c0b";

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry properties) {
        TestIdentity.register(properties);
    }

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private TaskStore tasks;

    @Test
    void refusesACallWithoutAToken() {
        assertThat(this.mvc.get().uri("/api/v1/tasks")).hasStatus(401);
        then(this.tasks).shouldHaveNoInteractions();
    }

    @Test
    void refusesATokenForAnotherAudience() {
        String other = TestIdentity.KEYS.token(TestIdentity.ISSUER, "myriad-graph", "ada", Duration.ofMinutes(5));

        assertThat(this.mvc.get().uri("/api/v1/tasks").header(HttpHeaders.AUTHORIZATION, "Bearer " + other))
                .hasStatus(401);
        then(this.tasks).shouldHaveNoInteractions();
    }

    @Test
    void createsTheTaskForTheUserTheTokenNames() {
        given(this.tasks.create(eq("ada"), any())).willAnswer(call -> task("ada", call.getArgument(1)));

        assertThat(this.mvc.post().uri("/api/v1/tasks").header(HttpHeaders.AUTHORIZATION, bearer("ada"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Water the plants\"}"))
                .hasStatus(201).bodyJson().extractingPath("$.userId").isEqualTo("ada");
    }

    @Test
    void answersABlankTitleWithA400ProblemNamingTheFieldAndStoresNothing() {
        assertThat(this.mvc.post().uri("/api/v1/tasks").header(HttpHeaders.AUTHORIZATION, bearer("ada"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \" \"}"))
                .hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0]").asString().startsWith("title ");
        then(this.tasks).shouldHaveNoInteractions();
    }

    @Test
    void answersAFieldOfTheWrongTypeWithA400ProblemNamingWhereItIs() {
        assertThat(this.mvc.post().uri("/api/v1/tasks").header(HttpHeaders.AUTHORIZATION, bearer("ada"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"x\", \"dueAt\": [1]}"))
                .hasStatus(400).bodyJson().extractingPath("$.detail").asString().contains("(at dueAt)");
        then(this.tasks).shouldHaveNoInteractions();
    }

    @Test
    void answersAnIdThatIsNotAUuidWithA400ProblemBeforeAskingTheStore() {
        assertThat(this.mvc.get().uri("/api/v1/tasks/{id}", "not-a-task-id").header(HttpHeaders.AUTHORIZATION,
                bearer("ada"))).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0]").asString().startsWith("id ");
        then(this.tasks).should(never()).get(anyString(), anyString());
    }

    @Test
    void answersAnotherUsersOrAnUnknownTaskWithA404Problem() {
        given(this.tasks.get("grace", ID)).willThrow(new NotFoundException("task", ID));

        assertThat(this.mvc.get().uri("/api/v1/tasks/{id}", ID).header(HttpHeaders.AUTHORIZATION, bearer("grace")))
                .hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("No task " + ID);
    }

    @Test
    void listsTwentyAtATimeFromTheFirstPageUnlessAsked() {
        given(this.tasks.list("ada", 0, 20)).willReturn(new Page<>(List.of(), 0, 20, 0));

        assertThat(this.mvc.get().uri("/api/v1/tasks").header(HttpHeaders.AUTHORIZATION, bearer("ada")))
                .hasStatusOk().bodyJson().extractingPath("$.size").isEqualTo(20);
    }

    @Test
    void refusesAPageOfMoreThanAHundredWithA400Problem() {
        assertThat(this.mvc.get().uri("/api/v1/tasks?size=101").header(HttpHeaders.AUTHORIZATION, bearer("ada")))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0]").asString().startsWith("size ");
        then(this.tasks).should(never()).list(anyString(), anyInt(), anyInt());
    }

    private static String bearer(String user) {
        return "Bearer " + TestIdentity.token(user);
    }

    private static Task task(String user, TaskRequest request) {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        return new Task(ID, user, request.title(), request.description(), request.dueAt(), Task.Status.OPEN, now, now,
                null);
    }
}
