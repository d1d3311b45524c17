"""GitHub Actions expressions, evaluated as GitHub does, for check_workflows.py.

A job's `if:` is evaluated (not pattern-matched) against the context GitHub gives a push and a
pull request from a fork or from the same repository, so a condition that would let a fork's
pull request run on a self-hosted runner is caught whatever way it is written.
"""
import math
import re

# --- GitHub expressions (the subset job conditions use) -------------------------------------

class ExpressionError(Exception):
    pass


TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|<=|>=|&&|\|\||[!<>(),])"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_*][A-Za-z0-9_\-]*|\[[^\]]*\])*))")


def tokenize(text):
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(f"cannot read the expression at '{text[position:]}'")
        position = match.end()
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
    return tokens


def to_number(value):
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip()) if value.strip() else 0.0
        except ValueError:
            return math.nan
    return math.nan


def loose_equal(a, b):
    # GitHub compares values of different types as numbers and strings without case.
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b) and not isinstance(a, (dict, list)):
        return a == b
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return a is b
    return to_number(a) == to_number(b)


def truthy(value):
    if value is None or value is False or value == "":
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0 and not math.isnan(value)
    return True


class Evaluator:
    """Recursive descent over ||, &&, comparison, !, primary; returns the value, not a bool."""

    STATUS = {"always": True, "success": True, "failure": False, "cancelled": False}

    def __init__(self, text, contexts):
        text = text.strip()
        if text.startswith("${{") and text.endswith("}}"):
            text = text[3:-2]
        self.tokens = tokenize(text)
        self.position = 0
        self.contexts = contexts

    def evaluate(self):
        value = self.or_expr()
        if self.position != len(self.tokens):
            raise ExpressionError(f"unexpected '{self.tokens[self.position][1]}'")
        return value

    def peek(self):
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def take(self, expected=None):
        if self.position >= len(self.tokens):
            raise ExpressionError("the expression ends too early")
        token = self.tokens[self.position]
        if expected is not None and token[1] != expected:
            raise ExpressionError(f"expected '{expected}', found '{token[1]}'")
        self.position += 1
        return token

    def or_expr(self):
        value = self.and_expr()
        while self.peek() == "||":
            self.take()
            right = self.and_expr()
            value = value if truthy(value) else right
        return value

    def and_expr(self):
        value = self.comparison()
        while self.peek() == "&&":
            self.take()
            right = self.comparison()
            value = right if truthy(value) else value
        return value

    def comparison(self):
        value = self.unary()
        while self.peek() in ("==", "!=", "<", ">", "<=", ">="):
            op = self.take()[1]
            right = self.unary()
            if op == "==":
                value = loose_equal(value, right)
            elif op == "!=":
                value = not loose_equal(value, right)
            else:
                a, b = to_number(value), to_number(right)
                value = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
        return value

    def unary(self):
        if self.peek() == "!":
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if text == "(":
            value = self.or_expr()
            self.take(")")
            return value
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if kind != "name":
            raise ExpressionError(f"unexpected '{text}'")
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if self.peek() == "(":
            return self.call(text)
        return self.lookup(text)

    def call(self, name):
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.or_expr())
            if self.peek() == ",":
                self.take()
        self.take(")")
        lowered = name.lower()
        if lowered in self.STATUS:
            return self.STATUS[lowered]
        text = [str(a).lower() if a is not None else "" for a in args]
        if lowered == "contains" and len(args) == 2:
            if isinstance(args[0], list):
                return any(loose_equal(item, args[1]) for item in args[0])
            return text[1] in text[0]
        if lowered == "startswith" and len(args) == 2:
            return text[0].startswith(text[1])
        if lowered == "endswith" and len(args) == 2:
            return text[0].endswith(text[1])
        raise ExpressionError(f"function {name}() is not understood by this checker")

    def lookup(self, path):
        # A property the model below does not have is an error, not null: guessing null could make
        # a condition look fork-proof when it is not. Null is only returned where GitHub has null
        # (a push has no pull_request; `inputs` is empty for pull requests).
        parts = re.findall(r"[^.\[\]]+|\[[^\]]*\]", path)
        value, walked = self.contexts, []
        for part in parts:
            if part.startswith("["):
                part = part[1:-1].strip("'")
            walked.append(part)
            if part == "*":
                value = list(value.values()) if isinstance(value, dict) else (value if isinstance(value, list) else [])
            elif isinstance(value, list):
                value = [item.get(part) for item in value if isinstance(item, dict)]
            elif isinstance(value, dict):
                if part not in value:
                    if walked[0] == "inputs" and len(walked) == 2:
                        return None
                    raise ExpressionError(f"{'.'.join(walked)} is not known to this checker")
                value = value[part]
            elif value is None:
                return None
            else:
                raise ExpressionError(f"{'.'.join(walked)} reads a property of a plain value")
        return value


def github_context(event_name, head_repository, base_repository="owner/firmware"):
    """What a job condition sees for one event; head_repository decides fork or not."""
    base_owner = base_repository.split("/")[0]
    from_fork = event_name.startswith("pull_request") and head_repository != base_repository
    author = "stranger" if from_fork else base_owner

    def repo(full_name):
        return {"full_name": full_name, "name": full_name.split("/")[1], "owner": {"login": full_name.split("/")[0]},
                "fork": full_name != base_repository, "private": False}

    if event_name.startswith("pull_request"):
        pull_request = {"head": {"repo": repo(head_repository), "ref": "topic", "sha": "1" * 40,
                                 "label": f"{head_repository.split('/')[0]}:topic"},
                        "base": {"repo": repo(base_repository), "ref": "main", "sha": "2" * 40},
                        "user": {"login": author}, "author_association": "CONTRIBUTOR" if from_fork else "OWNER",
                        "draft": False, "labels": [], "number": 1, "title": "a change", "merged": False}
        event = {"pull_request": pull_request, "action": "opened", "number": 1,
                 "repository": repo(base_repository), "sender": {"login": author}}
        ref, head_ref, base_ref = "refs/pull/1/merge", "topic", "main"
    else:
        event = {"pull_request": None, "ref": "refs/heads/main", "repository": repo(base_repository),
                 "sender": {"login": author}, "head_commit": {"id": "3" * 40}}
        ref, head_ref, base_ref = "refs/heads/main", "", ""
    github = {"event_name": event_name, "event": event, "repository": base_repository,
              "repository_owner": base_owner, "ref": ref, "ref_name": ref.split("/")[-1], "ref_type": "branch",
              "head_ref": head_ref, "base_ref": base_ref, "actor": author, "triggering_actor": author,
              "sha": "4" * 40, "workflow": "w", "job": "j", "run_id": "1", "run_number": "1",
              "server_url": "https://github.com", "api_url": "https://api.github.com"}
    return {"github": github, "inputs": {}}
