// Fengqiao's GraphiQL page: a sign-in form, then GraphiQL with the bearer token and
// the purpose (查询事由) and case number that every request states (X-Purpose and
// X-Case-Number, percent-encoded: browsers send only Latin-1 in headers).
//
// The token lives in one closure and nowhere else: GraphiQL's headers editor
// is off and its storage is a Map in memory, so nothing (token, queries,
// history) is written to localStorage, sessionStorage or cookies. Reloading
// or closing the page signs out.
(function () {
  "use strict";

  const ENDPOINT = "/graphql";
  const EXAMPLE = `# The riskiest repeat-dispute networks
{
  repeatDisputeNetworks(first: 5) {
    edges {
      node { id size incidentCount escalations trend riskScore district compound }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

  const form = document.getElementById("sign-in");
  const input = document.getElementById("token");
  const purposeInput = document.getElementById("purpose");
  const caseInput = document.getElementById("case-number");
  const problem = document.getElementById("sign-in-error");

  /** A Storage-shaped Map: GraphiQL keeps its tabs and history here, in memory only. */
  function memoryStorage() {
    const items = new Map();
    return {
      getItem: (key) => (items.has(key) ? items.get(key) : null),
      setItem: (key, value) => items.set(key, String(value)),
      removeItem: (key) => items.delete(key),
      clear: () => items.clear(),
      get length() {
        return items.size;
      },
    };
  }

  function post(token, why, params) {
    const headers = { "Content-Type": "application/json", Authorization: `Bearer ${token}` };
    if (why.purpose) headers["X-Purpose"] = encodeURIComponent(why.purpose);
    if (why.caseNumber) headers["X-Case-Number"] = encodeURIComponent(why.caseNumber);
    return fetch(ENDPOINT, {
      method: "POST",
      headers,
      body: JSON.stringify(params),
      credentials: "omit",
      cache: "no-store",
    });
  }

  function showProblem(message) {
    problem.textContent = message;
    problem.hidden = false;
  }

  function start(token, why) {
    const fetcher = async (params) => (await post(token, why, params)).json();
    const signOut = () => window.location.reload();
    const logo = React.createElement(
      GraphiQL.Logo,
      null,
      "枫桥 Fengqiao ",
      React.createElement(
        "button",
        { id: "sign-out", type: "button", className: "fq-sign-out", onClick: signOut },
        "Sign out 退出",
      ),
    );
    document.getElementById("sign-in-page").remove();
    const container = document.getElementById("graphiql");
    container.hidden = false;
    ReactDOM.createRoot(container).render(
      React.createElement(
        GraphiQL,
        {
          fetcher,
          storage: memoryStorage(),
          shouldPersistHeaders: false,
          isHeadersEditorEnabled: false,
          defaultQuery: EXAMPLE,
        },
        logo,
      ),
    );
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    const why = { purpose: purposeInput.value.trim(), caseNumber: caseInput.value.trim() };
    input.value = "";
    problem.hidden = true;
    let response;
    try {
      response = await post(token, why, { query: "{ __typename }" });
    } catch (error) {
      showProblem(`The API did not answer: ${error.message}`);
      return;
    }
    if (response.status === 401) {
      showProblem("This token was not accepted: unknown, revoked or mistyped.");
      return;
    }
    if (!response.ok) {
      showProblem(`The API answered ${response.status}; try again, or ask an administrator.`);
      return;
    }
    start(token, why);
  });
})();
