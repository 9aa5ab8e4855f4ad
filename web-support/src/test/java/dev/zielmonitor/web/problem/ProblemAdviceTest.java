package dev.zielmonitor.web.problem;

import dev.zielmonitor.events.failure.Conflict;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.failure.LimitReached;
import dev.zielmonitor.events.failure.NotFound;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The one problem+json mapping: every failure a controller can meet, answered in the shape both services share. */
class ProblemAdviceTest {

    @RestController
    static class Failing {
        @GetMapping("/field")
        String field() {
            throw InvalidInput.field("goals[0].targets[1].value", "must be empty for a MONITORING target");
        }

        @GetMapping("/parameter")
        String parameter() {
            throw InvalidInput.parameter("year", "must be a year from 2005 to 2100");
        }

        @GetMapping("/missing")
        String missing() {
            throw new NotFound("No agreement 05122-2014");
        }

        @GetMapping("/conflict")
        String conflict() {
            throw new Conflict("agreement 05122-2014 is already signed by the JOBCENTER");
        }

        @GetMapping("/limit")
        String limit() {
            throw new LimitReached("2 audit jobs are running", Duration.ofMillis(1500), Map.of("limit", "total"));
        }

        @GetMapping("/limit-without-time")
        String limitWithoutTime() {
            throw new LimitReached("too many");
        }

        @GetMapping("/unforeseen")
        String unforeseen() {
            throw new IllegalStateException("SELECT * FROM read_model.secret failed");
        }

        @GetMapping("/years")
        String years(@RequestParam @Min(2005) @Max(2199) int year, @RequestParam(name = "n", required = false)
                @Min(1) Integer count) {
            return "ok";
        }

        @GetMapping("/jobs/{id}")
        String job(@PathVariable long id) {
            return "ok";
        }

        @PostMapping("/bodies")
        String body(@Valid @RequestBody Body body) {
            return "ok";
        }
    }

    record Item(@NotBlank String name) {
    }

    record Body(@NotBlank String title, @NotEmpty List<@Valid Item> items, int count) {
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemAdvice("test service")).build();

    @Test
    void aDomainRefusalOfAFieldNamesItsJsonPath() throws Exception {
        mvc.perform(get("/field")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("Field 'goals[0].targets[1].value' must be empty for a "
                        + "MONITORING target"))
                .andExpect(jsonPath("$.errors[0].field").value("goals[0].targets[1].value"))
                .andExpect(jsonPath("$.errors[0].message").value("must be empty for a MONITORING target"));
    }

    @Test
    void aDomainRefusalOfAParameterNamesTheParameter() throws Exception {
        mvc.perform(get("/parameter")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Parameter 'year' must be a year from 2005 to 2100"))
                .andExpect(jsonPath("$.errors[0].field").value("year"));
    }

    @Test
    void notFoundAndConflictCarryTheDomainsMessage() throws Exception {
        mvc.perform(get("/missing")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("No agreement 05122-2014"));
        mvc.perform(get("/conflict")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Conflict"))
                .andExpect(jsonPath("$.detail").value("agreement 05122-2014 is already signed by the JOBCENTER"));
    }

    @Test
    void aLimitAnswers429WithRetryAfterInWholeSecondsRoundedUp() throws Exception {
        mvc.perform(get("/limit")).andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.retryAfterSeconds").value(2))
                .andExpect(jsonPath("$.limit").value("total"))
                .andExpect(jsonPath("$.detail").value("2 audit jobs are running"));
        mvc.perform(get("/limit-without-time")).andExpect(status().isTooManyRequests())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.retryAfterSeconds").doesNotExist());
    }

    @Test
    void parametersOutsideTheirConstraintsAreNamedAsTheRequestNamesThem() throws Exception {
        mvc.perform(get("/years").param("year", "2004").param("n", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("Invalid parameters: year, n"))
                .andExpect(jsonPath("$.errors[0].field").value("year"))
                .andExpect(jsonPath("$.errors[1].field").value("n"));
        mvc.perform(get("/years")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Parameter 'year' is required"))
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(get("/years").param("year", "zweitausend")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"))
                .andExpect(jsonPath("$.errors[0].message").value("has the wrong type or format"));
        mvc.perform(get("/jobs/abc")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void bodyFieldsOutsideTheirConstraintsAreNamedByJsonPath() throws Exception {
        mvc.perform(post("/bodies").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\" \",\"items\":[{\"name\":\"a\"},{\"name\":\"\"}],\"count\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("Invalid fields: ")))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("title",
                        "items[1].name")));
    }

    @Test
    void anUnreadableBodyNamesTheFieldJacksonStoppedAt() throws Exception {
        mvc.perform(post("/bodies").contentType(MediaType.APPLICATION_JSON).content("{\"count\":\"viele\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Unreadable request"))
                .andExpect(jsonPath("$.errors[0].field").value("count"));
        mvc.perform(post("/bodies").contentType(MediaType.APPLICATION_JSON).content("{nicht json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON of the expected shape"));
    }

    @Test
    void aWrongMethodOrMediaTypeIsAProblemToo() throws Exception {
        mvc.perform(post("/missing")).andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/bodies").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnforeseenFailureAnswersWithAReferenceNeverWithItsMessage() throws Exception {
        mvc.perform(get("/unforeseen")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.title").value("Internal error"))
                .andExpect(jsonPath("$.detail").value(containsString("The test service failed; its log names")))
                .andExpect(jsonPath("$.reference").isNotEmpty())
                .andExpect(content().string(not(containsString("read_model"))));
    }

    @Test
    void theWriterForFiltersWritesWhatSpringMvcWritesForTheSameProblem() throws Exception {
        MvcResult answered = mvc.perform(get("/parameter")).andReturn();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/parameter");
        MockHttpServletResponse written = new MockHttpServletResponse();
        ProblemWriter.write(request, written, new ProblemAdvice("test service")
                .answer(InvalidInput.parameter("year", "must be a year from 2005 to 2100")).getBody());

        assertThat(written.getStatus()).isEqualTo(answered.getResponse().getStatus());
        assertThat(written.getContentType()).startsWith("application/problem+json");
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode fromFilter = (ObjectNode) json.readTree(written.getContentAsString());
        assertThat(fromFilter.get("type").asString()).isEqualTo("about:blank");
        // Spring MVC leaves out the default type, which RFC 9457 reads as about:blank: otherwise the same members
        fromFilter.remove("type");
        assertThat(fromFilter).isEqualTo(json.readTree(answered.getResponse().getContentAsString()));
    }

    @Test
    void theWriterEscapesMarkupAndControlCharacters() {
        assertThat(ProblemWriter.json(ProblemWriter.problem(400, "Bad request", "a\"<b>\n&"), "/x"))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":400,"
                        + "\"detail\":\"a\\\"\\u003cb\\u003e\\n\\u0026\",\"instance\":\"/x\"}");
    }
}
