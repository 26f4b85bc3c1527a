#!/usr/bin/env python3
"""Generates one random, well-formed Nyash program, deterministically from a seed.

The program is typed by construction: the generator knows the type of every local, field,
parameter and return value, so operations only fail where an error is planted on purpose (a
program gets at most one uncaught error, with probability ERROR_CHANCE, which ends the run;
inside `try` statements, errors and `throw`s are planted freely, as they are caught).
Termination is by construction too: loops count up to small bounds, recursion passes a
decreasing depth, and a callable only calls callables of a lower rank, with an estimated cost
that keeps every program to a few thousand executed statements.

Every binary and unary operation is written in parentheses. The frontend (and its precedence
rules) is shared by every backend, so minimal parentheses would test nothing the differential
test can see, while full ones let the reducer (reduce.py) replace an operation by an operand.

Usage: generate.py --seed N   prints the program on stdout.
"""
import argparse
import random
from dataclasses import dataclass, field

# Value types of expressions; a user box type is its BoxSpec. ANY is a value of unknown type,
# used only where every type works: print, concatenation with a String, ==, truthiness,
# pushing into an array and storing into a map.
INT, FLOAT, STR, BOOL, NULL, ARRAY, MAP, ANY = "int", "float", "str", "bool", "null", "array", "map", "any"
FIELD_TYPES = [INT, FLOAT, STR, BOOL, ARRAY, MAP]
LOCAL_TYPES = [INT, INT, FLOAT, FLOAT, STR, STR, BOOL, ARRAY, MAP]
RETURN_TYPES = [INT, FLOAT, STR, BOOL, NULL, ARRAY]

ERROR_CHANCE = 0.3
INT_MIN = "(-9223372036854775807 - 1)"
INT_LITERALS = ["0", "1", "2", "3", "5", "7", "10", "42", "100", "255", "65536", "2147483647", "2147483648",
                "4294967296", "3037000500", "9007199254740993", "4611686018427387904", "9223372036854775806",
                "9223372036854775807"]
# Nonzero divisors, so that only a planted error divides by zero.
INT_DIVISORS = ["1", "2", "3", "7", "10", "1000000007", "9223372036854775807", "(-1)", "(-3)", INT_MIN]
FLOAT_LITERALS = ["0.0", "0.5", "1.5", "2.0", "0.1", "0.2", "3.14159", "1024.0", "123456.789", "0.0000001",
                  "9007199254740993.0", "100000000000000000000000.0", "179769313486231570" + "0" * 290 + ".0", "0." + "0" * 323 + "5"]
FLOAT_DIVISORS = ["0.5", "2.0", "3.0", "(-0.25)", "1.5", "0.1"]
# Doubles that display in special ways, made the ways the language allows (0.0 / 0.0 is an error).
FLOAT_SPECIALS = ["(-0.0)", "(0.0 * (-1.0))", "new MathBox().sqrt((-1.0))", "new MathBox().pow(10.0, 400.0)",
                  "(-new MathBox().pow(10, 400))", "new MathBox().log(0.0)", "new MathBox().exp(1000.0)",
                  "(new MathBox().pow(10.0, 400.0) - new MathBox().pow(10.0, 400.0))"]
STRING_LITERALS = ['""', '"a"', '"b"', '"hello"', '"Nyash"', '" padded "', '"a,b,,c"', '"日本語"', '"x\\ty"',
                   '"say \\"hi\\""', '"line\\nbreak"', '"42"', '"-7"', '"3.5"', '"null"', '"ab"', '","']
MAP_KEYS = ['"a"', '"b"', '"k1"', '"1"', "1", "1.0", "true", "null", '"日本"', '""']
NUMERIC_STRINGS = ['"42"', '"-7"', '"0"', '"9223372036854775807"']
SPLIT_INPUT_CAP = 60
ELEMENT_STRING_CAP = 60
SEPARATORS = ['","', '""', '", "', '"a"']
MATH_FLOAT_FUNCTIONS = ["sqrt", "sin", "cos", "tan", "exp", "log"]

CALLABLE_BUDGET = 300   # estimated statements one call of a callable may execute
RECURSIVE_BUDGET = 30   # for one level of a recursive callable
SCRIPT_BUDGET = 3000    # for the script, and again for main()
MAX_LOOP_BOUND = 6
MAX_RECURSION_DEPTH = 8


@dataclass(eq=False)
class BoxSpec:
    name: str
    parent: "BoxSpec | None" = None
    is_static: bool = False
    fields: dict = field(default_factory=dict)           # own field name -> type
    constructor: list | None = None                      # parameter types; None: inherited or none
    constructor_keyword: str = "birth"
    slots: list = field(default_factory=list)            # methods declared here first
    overrides: list = field(default_factory=list)        # slots of ancestors redefined here
    method_text: dict = field(default_factory=dict)      # method name -> its source lines
    constructor_text: list = field(default_factory=list)

    def ancestors_and_self(self):
        box = self
        while box:
            yield box
            box = box.parent

    def is_a(self, other) -> bool:
        return any(box is other for box in self.ancestors_and_self())

    def all_fields(self) -> dict:
        found = {}
        for box in reversed(list(self.ancestors_and_self())):
            found.update(box.fields)
        return found

    def effective_constructor(self) -> list:
        for box in self.ancestors_and_self():
            if box.constructor is not None:
                return box.constructor
        return []


@dataclass(eq=False)
class Slot:
    """A method name (with every override of it), a function or a static method."""
    name: str
    params: list
    returns: str
    rank: int
    owner: BoxSpec | None           # None for a function
    cost: int = 1                   # the costliest implementation
    recursive: bool = False
    implementation_costs: dict = field(default_factory=dict)  # implementing box -> cost
    via_from: BoxSpec | None = None  # set on `from Parent.m()` calls: the parent named
    text: list = field(default_factory=list)                  # a function's source lines


@dataclass
class Variable:
    name: str
    type: object
    assignable: bool = True


class Body:
    """The statements of one callable, the script or main(), with their scopes and cost."""

    def __init__(self, rank: float, budget: int, me_box: BoxSpec | None = None, returns: str | None = None,
                 slot: Slot | None = None, is_constructor: bool = False):
        self.rank = rank
        self.budget = budget
        self.me_box = me_box
        self.returns = returns
        self.slot = slot
        self.is_constructor = is_constructor
        self.scopes: list[dict] = [{}]
        self.lines: list[str] = []
        self.depth = 1
        self.loop_depth = 0
        self.try_depth = 0      # enclosing try statements
        self.catching = False   # one of them has a catch clause: errors planted here are caught
        self.multiplier = 1
        self.cost = 0

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def declare(self, variable: Variable) -> None:
        self.scopes[-1][variable.name] = variable

    def visible(self) -> list[Variable]:
        merged = {}
        for scope in self.scopes:
            merged.update(scope)
        return list(merged.values())

    def can_afford(self, cost: int) -> bool:
        return self.cost + cost * self.multiplier <= self.budget

    def spend(self, cost: int) -> None:
        self.cost += cost * self.multiplier


class ProgramGenerator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.counter = 0
        self.boxes: list[BoxSpec] = []
        self.static_box: BoxSpec | None = None
        self.static_fields: dict = {}
        self.slots: list[Slot] = []
        self.extra_declarations: list[list[str]] = []
        self.errors_left = 1 if self.rng.random() < ERROR_CHANCE else 0
        self.body: Body = Body(0, 0)

    # ---- helpers ----

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def choice(self, options):
        return self.rng.choice(options)

    # ---- program shape ----

    def generate(self) -> str:
        self.plan_boxes()
        self.plan_static_box()
        self.plan_slots()
        for slot in self.slots:
            self.generate_slot(slot)
        for box in self.boxes:
            self.generate_constructor(box)
        script = self.generate_script()
        declarations = [self.box_text(box) for box in self.boxes]
        if self.static_box:
            declarations.append(self.box_text(self.static_box))
        declarations += [slot.text for slot in self.slots if slot.owner is None]
        if self.chance(0.5):
            declarations.append(self.main_text())
        declarations += self.extra_declarations
        self.rng.shuffle(declarations)
        position = self.rng.randint(0, len(declarations))
        parts = declarations[:position] + [script] + declarations[position:]
        return "\n".join(line for part in parts for line in part) + "\n"

    def plan_boxes(self) -> None:
        for _ in range(self.rng.randint(1, 2)):
            parent = None
            for _ in range(self.rng.randint(1, 3)):
                box = BoxSpec(self.fresh("Box"), parent)
                self.plan_box_members(box)
                self.boxes.append(box)
                parent = box if self.chance(0.8) else parent

    def plan_box_members(self, box: BoxSpec) -> None:
        has_constructor = box.parent is None or self.chance(0.7)
        if has_constructor:
            for _ in range(self.rng.randint(0, 3)):
                box.fields[self.fresh("f")] = self.choice(FIELD_TYPES)
            box.constructor = [self.choice(FIELD_TYPES) for _ in range(self.rng.randint(0, 3))]
            box.constructor_keyword = self.choice(["birth", "init", "pack"])
            if not box.fields and not box.constructor and self.chance(0.5):
                box.constructor = None

    def plan_static_box(self) -> None:
        if self.chance(0.2):
            return
        self.static_box = BoxSpec(self.choice(["Util", "Registry", "Counter", "Store"]), is_static=True)
        for _ in range(self.rng.randint(0, 3)):
            self.static_box.fields[self.fresh("s")] = self.choice(FIELD_TYPES)
        # Fields assigned without a declaration, which static boxes allow.
        self.static_fields = dict(self.static_box.fields)
        for _ in range(self.rng.randint(0, 2)):
            self.static_fields[self.fresh("d")] = self.choice(FIELD_TYPES)

    def plan_slots(self) -> None:
        """Methods, static methods and functions, in rank order (a body calls lower ranks only)."""
        for rank in range(1, self.rng.randint(4, 12)):
            owner = self.choice(self.boxes + [self.static_box, None, None])
            params = [self.parameter_type() for _ in range(self.rng.randint(0, 3))]
            slot = Slot(self.fresh("m" if owner else "fn"), params, self.choice(RETURN_TYPES), rank, owner)
            if owner is None or owner.is_static:
                slot.recursive = self.chance(0.3)
                if slot.recursive:
                    slot.params = [INT] + params[:1]
                    slot.returns = self.choice([INT, FLOAT, STR])
            if owner is not None:
                owner.slots.append(slot)
                for box in self.boxes:
                    if box is not owner and box.is_a(owner) and self.chance(0.5):
                        box.overrides.append(slot)
            self.slots.append(slot)

    def parameter_type(self):
        if self.boxes and self.chance(0.15):
            return self.choice(self.boxes)
        return self.choice(FIELD_TYPES)

    def implementers(self, slot: Slot) -> list[BoxSpec]:
        """The boxes implementing a method slot, each after its ancestors."""
        if slot.owner is None or slot.owner.is_static:
            return [slot.owner]
        return [slot.owner] + [box for box in self.boxes if slot in box.overrides]

    # ---- callables ----

    def generate_slot(self, slot: Slot) -> None:
        for box in self.implementers(slot):
            budget = RECURSIVE_BUDGET if slot.recursive else CALLABLE_BUDGET
            body = Body(slot.rank, budget, box, slot.returns, slot)
            names = [self.fresh("p") for _ in slot.params]
            for name, type_ in zip(names, slot.params):
                body.declare(Variable(name, type_))
            self.body = body
            if slot.recursive:
                self.recursive_body(slot, names)
            else:
                self.statements(self.rng.randint(2, 7))
                self.final_return()
            slot.implementation_costs[box] = body.cost + 1
            header = f"{slot.name}({', '.join(names)}) {{"
            if box is None:
                slot.text = ["function " + header] + body.lines + ["}"]
            else:
                prefix = "override " if box is not slot.owner else ""
                box.method_text[slot.name] = ["    " + prefix + header] + ["    " + line for line in body.lines] \
                    + ["    }"]
        slot.cost = max(slot.implementation_costs.values())
        if slot.recursive:
            slot.cost *= MAX_RECURSION_DEPTH + 1

    def recursive_body(self, slot: Slot, names: list[str]) -> None:
        depth = names[0]
        self.body.declare(Variable(depth, INT, assignable=False))
        self.body.emit(f"if {self.choice([f'({depth} <= 0)', f'({depth} < 1)', f'(not ({depth} > 0))'])} {{")
        self.body.depth += 1
        self.body.emit(f"return {self.expr(slot.returns, 2)}")
        self.body.depth -= 1
        self.body.emit("}")
        self.statements(self.rng.randint(0, 3))
        arguments = [f"({depth} - 1)"] + [self.bounded(type_, self.expr(type_, 2)) for type_ in slot.params[1:]]
        call = f"{self.call_prefix(slot)}{slot.name}({', '.join(arguments)})"
        if slot.returns in (INT, STR) and self.chance(0.5):
            call = f"({call} + {self.expr(slot.returns, 1)})"
        self.body.emit(f"return {call}")

    def call_prefix(self, slot: Slot) -> str:
        if slot.owner is None:
            return ""
        if self.body.me_box is slot.owner and self.chance(0.5):
            return "me."
        return slot.owner.name + "."

    def final_return(self) -> None:
        if self.body.returns == NULL:
            if self.chance(0.3):
                self.body.emit("return")
            return
        self.body.emit(f"return {self.expr(self.body.returns, 3)}")

    def generate_constructor(self, box: BoxSpec) -> None:
        if box.constructor is None:
            return
        body = Body(0, CALLABLE_BUDGET, box, NULL, is_constructor=True)
        self.body = body
        names = [self.fresh("a") for _ in box.constructor]
        for name, type_ in zip(names, box.constructor):
            body.declare(Variable(name, type_))
        if box.parent:
            arguments = [self.expr(type_, 1) for type_ in box.parent.effective_constructor()]
            body.emit(f"from {box.parent.name}.{self.choice(['birth', 'init', 'pack'])}({', '.join(arguments)})")
        for name, type_ in box.fields.items():
            body.emit(f"me.{name} = {self.expr(type_, 2)}")
        if self.chance(0.3):
            self.statements(1)
        box.constructor_text = [f"    {box.constructor_keyword}({', '.join(names)}) {{"] + \
            ["    " + line for line in body.lines] + ["    }"]

    def box_text(self, box: BoxSpec) -> list[str]:
        header = f"box {box.name}" if not box.is_static else f"static box {box.name}"
        if box.parent:
            header += f" from {box.parent.name}"
        lines = [header + " {"]
        if box.fields:
            lines.append(f"    init {{ {', '.join(box.fields)} }}")
        lines += box.constructor_text
        for method in box.method_text.values():
            lines += method
        return lines + ["}"]

    def main_text(self) -> list[str]:
        self.body = Body(float("inf"), SCRIPT_BUDGET)
        self.statements(self.rng.randint(5, 12))
        name = self.choice(["Main", "App"])
        return [f"static box {name} {{", "    main() {"] + ["    " + line for line in self.body.lines] + ["    }", "}"]

    def generate_script(self) -> list[str]:
        self.body = Body(float("inf"), SCRIPT_BUDGET)
        self.body.depth = 0
        # Literals only: the static fields are not set yet, and callables read them.
        for name, type_ in self.static_fields.items():
            self.body.emit(f"{self.static_box.name}.{name} = {self.literal(type_)}")
        self.statements(self.rng.randint(12, 30))
        if self.errors_left:
            self.planted_error()
        return self.body.lines

    # ---- statements ----

    def literal(self, type_) -> str:
        literals = {INT: self.int_literal(), FLOAT: self.choice(FLOAT_LITERALS),
                    STR: self.choice(STRING_LITERALS), BOOL: self.choice(["true", "false"]),
                    ARRAY: "new ArrayBox()", MAP: "new MapBox()"}
        return literals[type_]

    def user_boxes(self, count: int) -> list[BoxSpec]:
        """Some user box types to make values of; none in constructors, whose `new` could recurse."""
        return [] if self.body.is_constructor else self.boxes[:count]

    def statements(self, count: int) -> None:
        for _ in range(count):
            self.statement()

    def statement(self) -> None:
        body = self.body
        if self.errors_left and not body.is_constructor and self.chance(0.03):
            self.planted_error()
            return
        choices = [(self.local_statement, 6), (self.print_statement, 8), (self.assign_statement, 4),
                   (self.maybe_set_local, 1),
                   (self.if_statement, 3), (self.container_statement, 3), (self.call_statement, 2),
                   (self.field_assign_statement, 2), (self.console_statement, 1)]
        if body.depth < 4 and body.can_afford(MAX_LOOP_BOUND * 4):
            choices.append((self.loop_statement, 3))
        if body.loop_depth:
            choices.append((self.break_or_continue, 2))
        if body.returns is not None and not body.is_constructor:
            choices.append((self.early_return, 1))
        if body.depth < 4:
            choices.append((self.try_statement, 1))
        if body.try_depth:
            choices.append((self.caught_error, 1))
        if body.is_constructor:
            choices = [(self.print_statement, 1), (self.local_statement, 1)]
        functions, weights = zip(*choices)
        self.rng.choices(functions, weights)[0]()
        body.spend(1)

    def block(self, count: int, header: str) -> None:
        self.body.emit(header + " {")
        self.body.depth += 1
        self.body.scopes.append({})
        self.statements(count)
        self.body.scopes.pop()
        self.body.depth -= 1

    def local_statement(self) -> None:
        type_ = self.choice(LOCAL_TYPES + self.user_boxes(2))
        value = self.expr(type_, 3)
        # Sometimes shadow or redeclare a visible name, possibly with another type.
        reusable = [variable.name for variable in self.body.visible() if variable.assignable]
        name = self.choice(reusable) if reusable and self.chance(0.15) else self.fresh("v")
        if len(self.body.scopes) == 1 and self.chance(0.1):
            second = self.fresh("v")
            self.body.emit(f"local {name} = {value}, {second}")
            self.body.declare(Variable(name, type_))
            self.body.declare(Variable(second, NULL))
            return
        self.body.emit(f"local {name} = {value}")
        self.body.declare(Variable(name, type_))

    def maybe_set_local(self) -> None:
        """A local declared without a value, which must be null again each time the declaration
        runs (every loop iteration), then perhaps set."""
        name = self.fresh("v")
        self.body.emit(f"local {name}")
        self.body.emit(f"print({name})")
        self.body.emit(f"if {self.condition()} {{")
        self.body.emit(f"    {name} = {self.expr(self.choice(LOCAL_TYPES), 2)}")
        self.body.emit("}")
        self.body.declare(Variable(name, ANY))

    def print_statement(self) -> None:
        type_ = self.choice([INT, FLOAT, STR, STR, BOOL, NULL, ARRAY, MAP, ANY] + self.user_boxes(1))
        self.body.emit(f"print({self.expr(type_, 3)})")

    def assign_statement(self) -> None:
        targets = [variable for variable in self.body.visible() if variable.assignable]
        if not targets:
            return self.print_statement()
        target = self.choice(targets)
        self.body.emit(f"{target.name} = {self.bounded(target.type, self.expr(target.type, 3))}")

    def bounded(self, type_, value: str) -> str:
        """Caps a string stored into a variable or field, which loops and calls could grow forever."""
        return f"({value}).substring(0, {self.rng.randint(8, 40)})" if type_ == STR else value

    def field_assign_statement(self) -> None:
        targets = self.field_targets()
        if not targets:
            return self.print_statement()
        target, type_ = self.choice(targets)
        self.body.emit(f"{target} = {self.bounded(type_, self.expr(type_, 2))}")

    def field_targets(self) -> list[tuple[str, object]]:
        targets = []
        if self.body.me_box:
            fields = self.static_fields if self.body.me_box.is_static else self.body.me_box.all_fields()
            targets += [(f"me.{name}", type_) for name, type_ in fields.items()]
        if self.static_box:
            targets += [(f"{self.static_box.name}.{name}", type_) for name, type_ in self.static_fields.items()]
        for variable in self.body.visible():
            if isinstance(variable.type, BoxSpec):
                targets += [(f"{variable.name}.{name}", type_) for name, type_ in variable.type.all_fields().items()]
        return targets

    def if_statement(self) -> None:
        self.block(self.rng.randint(1, 3), f"if {self.condition()}")
        while self.chance(0.3):
            self.body.emit(f"}} else if {self.condition()} {{")
            self.enter_branch()
        if self.chance(0.4):
            self.body.emit("} else {")
            self.enter_branch()
        self.body.emit("}")

    def enter_branch(self) -> None:
        self.body.depth += 1
        self.body.scopes.append({})
        self.statements(self.rng.randint(1, 3))
        self.body.scopes.pop()
        self.body.depth -= 1

    def condition(self) -> str:
        """A Bool, or any value used for its truthiness."""
        return self.expr(self.choice([BOOL, BOOL, BOOL, INT, FLOAT, STR, ANY]), 2)

    def loop_statement(self) -> None:
        body = self.body
        bound = self.rng.randint(0, MAX_LOOP_BOUND)
        counter = self.fresh("i")
        if self.chance(0.8):
            body.emit(f"local {counter} = 0")
            step, limit = "1", str(bound)
            tests = [f"({counter} < {limit})", f"({limit} > {counter})", f"({counter} != {limit})",
                     f"({counter} <= {bound - 1})", f"(not ({counter} >= {limit}))"]
        else:
            body.emit(f"local {counter} = 0.0")
            step, limit = "0.5", f"{bound / 2}"
            tests = [f"({counter} < {limit})", f"({limit} > {counter})"]
        body.declare(Variable(counter, INT if step == "1" else FLOAT, assignable=False))
        body.multiplier *= max(bound, 1)
        test = self.choice(tests)
        if self.chance(0.3):
            extra = self.expr(BOOL, 1)
            test = self.choice([f"({test} and {extra})", f"({test} && {extra})",
                                f"(not ((not {test}) or {extra}))"])
        # The step shares the header's line, so that the reducer cannot remove it alone.
        body.emit(f"loop({test}) {{ {counter} = ({counter} + {step})")
        body.depth += 1
        body.loop_depth += 1
        body.scopes.append({})
        self.statements(self.rng.randint(1, 4))
        body.scopes.pop()
        body.loop_depth -= 1
        body.depth -= 1
        body.multiplier //= max(bound, 1)
        body.emit("}")

    def break_or_continue(self) -> None:
        word = self.choice(["break", "continue"])
        if self.chance(0.2):
            self.body.emit(word)
            return
        self.body.emit(f"if {self.condition()} {{ {word} }}")

    def early_return(self) -> None:
        value = "" if self.body.returns == NULL else " " + self.expr(self.body.returns, 2)
        self.body.emit(f"if {self.condition()} {{")
        self.body.emit(f"    return{value}")
        self.body.emit("}")

    def call_statement(self) -> None:
        call = self.call_expr(None, 2)
        if call is None:
            return self.print_statement()
        self.body.emit(call)

    def console_statement(self) -> None:
        arguments = ", ".join(self.expr(ANY, 2) for _ in range(self.rng.randint(0, 3)))
        method = self.choice(["log", "log", "log", "warn", "error"])
        self.body.emit(f"new ConsoleBox().{method}({arguments})")

    def container_statement(self) -> None:
        arrays = self.readable(ARRAY)
        maps = self.readable(MAP)
        if arrays and (not maps or self.chance(0.6)):
            self.array_statement(self.choice(arrays))
        elif maps:
            self.map_statement(self.choice(maps))
        else:
            self.local_statement()

    def element(self) -> str:
        """A value to store in a container. Containers only at the top level of the script or
        main(), so that repeated calls cannot build ever deeper nested displays."""
        if self.body.rank == float("inf") and self.body.multiplier == 1:
            return self.expr(self.choice([INT, FLOAT, STR, BOOL, NULL, ARRAY, MAP, ANY]), 2)
        type_ = self.choice([INT, FLOAT, STR, BOOL, NULL])
        if type_ == STR:
            # Capped: `a.push(a.join(","))` in a loop would otherwise double the array's
            # contents per iteration (seed 1028012 of the previous generator).
            return f"({self.expr(STR, 2)}).substring(0, {ELEMENT_STRING_CAP})"
        return self.expr(type_, 2)

    def array_statement(self, array: str) -> None:
        index = self.choice(["0", "1", "2", "3", "(-1)", "5"])
        guard = f"if (({index} >= 0) and ({index} < {array}.size())) {{"
        kind = self.choice(["push", "push", "push", "get", "set", "remove", "pop", "reverse", "clear", "read"])
        if kind == "push":
            self.body.emit(f"{array}.push({self.element()})")
        elif kind == "get":
            self.guarded(guard, f"print({self.expr(STR, 1)} + {array}.get({index}))")
        elif kind == "set":
            self.guarded(guard, f"{array}.set({index}, {self.element()})")
        elif kind == "remove":
            self.guarded(guard, f"print({array}.remove({index}))")
        elif kind == "pop":
            self.guarded(f"if (not {array}.isEmpty()) {{", f"print({array}.pop())")
        elif kind == "reverse":
            self.body.emit(f"{array}.reverse()")
        elif kind == "clear" and self.chance(0.3):
            self.body.emit(f"{array}.clear()")
        else:
            self.body.emit(f"print({array}.{self.choice(['size', 'length', 'isEmpty', 'toString'])}())")

    def guarded(self, guard: str, statement: str) -> None:
        self.body.emit(guard)
        self.body.emit("    " + statement)
        self.body.emit("}")

    def map_statement(self, map_: str) -> None:
        key = self.choice(MAP_KEYS)
        kind = self.choice(["set", "set", "get", "delete", "has", "keys", "values"])
        if kind == "set":
            self.body.emit(f"{map_}.set({key}, {self.element()})")
        elif kind == "get":
            self.body.emit(f"print({map_}.get({key}))")
        elif kind == "delete":
            self.body.emit(f"print({map_}.delete({key}))")
        elif kind == "has":
            self.body.emit(f"print({map_}.has({key}))")
        else:
            self.body.emit(f"print({map_}.{kind}())")

    # ---- planted runtime errors ----

    def try_statement(self) -> None:
        """try with catch, finally or both; what its body raises (caught_error) is caught by it or
        by an enclosing try with a catch clause."""
        body = self.body
        has_catch = body.catching or self.chance(0.7)
        has_finally = not has_catch or self.chance(0.4)
        saved_catching = body.catching
        body.catching = has_catch or body.catching
        body.try_depth += 1
        self.block(self.rng.randint(1, 4), "try")
        body.try_depth -= 1
        body.catching = saved_catching
        if has_catch:
            name = self.fresh("e")
            body.emit(f"}} catch ({name}) {{")
            body.scopes.append({name: Variable(name, ANY)})
            body.depth += 1
            body.emit(f"print({name})")
            self.statements(self.rng.randint(0, 2))
            body.depth -= 1
            body.scopes.pop()
        if has_finally:
            body.emit("} finally {")
            self.enter_branch()
        body.emit("}")

    def caught_error(self) -> None:
        """Inside a try whose error is caught: a runtime error of a random kind, or a throw."""
        if not self.body.catching:
            return self.print_statement()
        if self.chance(0.4):
            self.body.emit(f"throw {self.expr(self.choice([INT, STR, FLOAT, ARRAY, ANY]), 2)}")
        else:
            self.body.emit(self.error_statement(allow_deep=False))

    def planted_error(self) -> None:
        """Exactly one uncaught runtime error, of a random kind."""
        self.errors_left = 0
        self.body.emit(self.error_statement(allow_deep=True))

    def error_statement(self, allow_deep: bool) -> str:
        int_value, string_value = self.expr(INT, 1), self.expr(STR, 1)
        float_value, array_value = self.expr(FLOAT, 1), self.expr(ARRAY, 1)
        options = [
            f"print({int_value} / 0)", f"print({int_value} % (1 - 1))", f"print({float_value} / 0.0)",
            f"print({float_value} % (-0.0))", f"print(({int_value} + true))", f"print((null + {int_value}))",
            f"print(({array_value} + 1))", f"print(({string_value} - {string_value}))",
            f"print(({int_value} < {string_value}))", f"print((-{string_value}))", "print((not true) * 2)",
            f"print({array_value}.get({array_value}.size()))", f"print({array_value}.get((-1)))",
            "print(new ArrayBox().pop())", f"print({string_value}.charAt(100))",
            f"print({string_value}.substring(\"a\", 1))", f"print(({string_value} * (-2)))",
            "print(new MathBox().sqrt((-1.0)).toInteger())", "print(new MathBox().pow(10.0, 400.0).floor())",
            'print(new IntegerBox("12x"))', f"print({int_value}.missing)", f"print({string_value}.nosuch())",
            "print(null.length())", f"print({array_value}.join(5))", f"print(new MathBox().sqrt({string_value}))",
            f"print({float_value}.round(1))",
        ]
        if self.boxes:
            box = self.choice(self.boxes)
            instance = self.new_expr(box, 1)
            options += [f"print({instance}.nofield)", f"print({instance}.nomethod())",
                        f"print(new {box.name}({', '.join(['1'] * (len(box.effective_constructor()) + 1))}))"]
            if self.body.me_box and not self.body.me_box.is_static:
                options.append("me.undeclared = 1")
        if self.static_box:
            options.append(f"print({self.static_box.name}.missing_field)")
        callables = [slot for slot in self.slots if slot.owner is None and slot.rank < self.body.rank]
        if callables:
            slot = self.choice(callables)
            options.append(f"print({slot.name}({', '.join(['1'] * (len(slot.params) + 1))}))")
        chosen = self.choice(options + ([self.deep_recursion] if allow_deep else []) + [self.mixed_sort])
        return chosen if isinstance(chosen, str) else chosen()

    def deep_recursion(self) -> str:
        name = self.fresh("deep")
        self.extra_declarations.append([f"function {name}(n) {{", f"    return ({name}((n + 1)) + 1)", "}"])
        return f"print({name}(0))"

    def mixed_sort(self) -> str:
        name = self.fresh("mixed")
        return f"local {name} = \"{self.choice(['b,a', '3,1', 'x'])}\".split(\",\"); {name}.push(1); {name}.sort()"

    # ---- expressions ----

    def readable(self, type_) -> list[str]:
        """Locals, parameters and fields that hold a value of the type (any type for ANY)."""
        def fits(candidate) -> bool:
            if type_ == ANY:
                return True
            if isinstance(type_, BoxSpec):
                return isinstance(candidate, BoxSpec) and candidate.is_a(type_)
            return candidate == type_

        found = []
        for variable in self.body.visible():
            if fits(variable.type):
                found.append(variable.name)
            if isinstance(variable.type, BoxSpec):
                found += [f"{variable.name}.{name}" for name, field_type in variable.type.all_fields().items()
                          if fits(field_type)]
        if self.body.me_box and not self.body.is_constructor:
            fields = self.static_fields if self.body.me_box.is_static else self.body.me_box.all_fields()
            found += [f"me.{name}" for name, field_type in fields.items() if fits(field_type)]
        if self.static_box:
            found += [f"{self.static_box.name}.{name}" for name, field_type in self.static_fields.items()
                      if fits(field_type)]
        return found

    def expr(self, type_, depth: int) -> str:
        if isinstance(type_, BoxSpec):
            return self.box_expr(type_, depth)
        if type_ == ANY:
            return self.expr(self.choice([INT, FLOAT, STR, BOOL, NULL, ARRAY, MAP]), depth)
        if depth > 0 and self.chance(0.15):
            call = self.call_expr(type_, depth - 1)
            if call:
                return call
        builders = {INT: self.int_expr, FLOAT: self.float_expr, STR: self.str_expr, BOOL: self.bool_expr,
                    NULL: self.null_expr, ARRAY: self.array_expr, MAP: self.map_expr}
        return builders[type_](depth)

    def leaf(self, type_, literal: str) -> str:
        variables = self.readable(type_)
        return self.choice(variables) if variables and self.chance(0.6) else literal

    def int_literal(self) -> str:
        literal = self.choice(INT_LITERALS + [INT_MIN])
        return f"(-{literal})" if literal != INT_MIN and self.chance(0.25) else literal

    def int_expr(self, depth: int) -> str:
        if depth <= 0 or self.chance(0.25):
            return self.leaf(INT, self.int_literal())
        d = depth - 1
        kind = self.choice(["arith", "arith", "arith", "div", "mod", "neg", "method", "math", "string", "container",
                            "convert"])
        if kind == "arith":
            return f"({self.expr(INT, d)} {self.choice(['+', '-', '*'])} {self.expr(INT, d)})"
        if kind == "div":
            return f"({self.expr(INT, d)} / {self.divisor(d)})"
        if kind == "mod":
            return f"({self.expr(INT, d)} % {self.divisor(d)})"
        if kind == "neg":
            return f"(-{self.expr(INT, d)})"
        if kind == "method":
            return f"{self.receiver(INT, d)}.abs()"
        if kind == "math":
            method = self.choice(["abs", "min", "max", "floor", "round"])
            count = 2 if method in ("min", "max") else 1
            return f"new MathBox().{method}({', '.join(self.expr(INT, d) for _ in range(count))})"
        if kind == "string":
            return self.choice([f"{self.receiver(STR, d)}.length()",
                                f"{self.receiver(STR, d)}.indexOf({self.expr(STR, d)})"])
        if kind == "container":
            return self.choice([f"{self.receiver(ARRAY, d)}.size()", f"{self.receiver(MAP, d)}.size()",
                                f"{self.receiver(ARRAY, d)}.indexOf({self.expr(ANY, d)})"])
        return self.choice([f"new IntegerBox({self.expr(INT, d)})", f"new IntegerBox({self.choice(NUMERIC_STRINGS)})",
                            f"{self.clamped_float(d)}.{self.choice(['floor', 'ceil', 'round', 'toInteger'])}()",
                            f"new IntegerBox({self.clamped_float(d)})"])

    def divisor(self, depth: int) -> str:
        if self.chance(0.7):
            return self.choice(INT_DIVISORS)
        # x % 7 lies in [-6, 6], so adding 8 gives a nonzero divisor.
        return f"(({self.expr(INT, depth)} % 7) + 8)"

    def receiver(self, type_, depth: int) -> str:
        """An expression to call a method on: literals and negations in parentheses."""
        value = self.expr(type_, depth)
        return value if value[0].isalpha() or value[0] in "(\"" else f"({value})"

    def clamped_float(self, depth: int) -> str:
        """A float in [-1000, 1000], so conversions to Int cannot fail (max/min pass over NaN)."""
        return f"new MathBox().min(new MathBox().max({self.expr(FLOAT, depth)}, (-1000.0)), 1000.0)"

    def float_expr(self, depth: int) -> str:
        if depth <= 0 or self.chance(0.25):
            literal = self.choice(FLOAT_LITERALS) if self.chance(0.75) else self.choice(FLOAT_SPECIALS)
            return self.leaf(FLOAT, f"(-{literal})" if self.chance(0.2) else literal)
        d = depth - 1
        kind = self.choice(["arith", "arith", "mixed", "div", "mod", "neg", "convert", "math", "special"])
        if kind == "arith":
            return f"({self.expr(FLOAT, d)} {self.choice(['+', '-', '*'])} {self.expr(FLOAT, d)})"
        if kind == "mixed":
            operands = [self.expr(INT, d), self.expr(FLOAT, d)]
            self.rng.shuffle(operands)
            return f"({operands[0]} {self.choice(['+', '-', '*'])} {operands[1]})"
        if kind in ("div", "mod"):
            operator = "/" if kind == "div" else "%"
            left = self.expr(self.choice([INT, FLOAT]), d)
            # f * f + 1.0 is never zero (at least 1, or NaN, or inf).
            right = self.choice(FLOAT_DIVISORS + [f"(({self.expr(FLOAT, d)} * {self.expr(FLOAT, d)}) + 1.0)"])
            return f"({left} {operator} {right})"
        if kind == "neg":
            return f"(-{self.expr(FLOAT, d)})"
        if kind == "convert":
            return self.choice([f"{self.receiver(INT, d)}.toFloat()", f"new FloatBox({self.expr(INT, d)})",
                                f"new FloatBox({self.choice(NUMERIC_STRINGS)})",
                                f"{self.receiver(FLOAT, d)}.abs()"])
        if kind == "math":
            method = self.choice(MATH_FLOAT_FUNCTIONS + ["pow", "min", "max", "getPi", "getE"])
            count = {"pow": 2, "min": 2, "max": 2, "getPi": 0, "getE": 0}.get(method, 1)
            arguments = ", ".join(self.expr(self.choice([INT, FLOAT]), d) for _ in range(count))
            if method in ("min", "max"):
                # With two Ints they return an Int.
                operands = [self.expr(FLOAT, d), self.expr(self.choice([INT, FLOAT]), d)]
                self.rng.shuffle(operands)
                arguments = ", ".join(operands)
            return f"new MathBox().{method}({arguments})"
        return self.choice(FLOAT_SPECIALS)

    def str_expr(self, depth: int) -> str:
        if depth <= 0 or self.chance(0.2):
            return self.leaf(STR, self.choice(STRING_LITERALS))
        d = depth - 1
        kind = self.choice(["concat", "concat", "concat", "method", "repeat", "tostring", "join", "substring"])
        if kind == "concat":
            operands = [self.expr(STR, d), self.expr(self.choice([INT, FLOAT, BOOL, NULL, ARRAY, MAP, ANY, STR]), d)]
            if self.user_boxes(1) and self.chance(0.1):
                operands[1] = self.expr(self.choice(self.boxes), d)
            self.rng.shuffle(operands)
            return f"({operands[0]} + {operands[1]})"
        if kind == "method":
            method = self.choice(["toUpper", "toLower", "trim", "replace", "charAt0"])
            receiver = self.receiver(STR, d)
            if method == "replace":
                return f"{receiver}.replace({self.choice(STRING_LITERALS)}, {self.choice(STRING_LITERALS)})"
            if method == "charAt0":
                return f"({receiver} + \"?\").charAt(0)"
            return f"{receiver}.{method}()"
        if kind == "repeat":
            count = str(self.rng.randint(0, 3))
            return self.choice([f"({self.expr(STR, d)} * {count})", f"({count} * {self.expr(STR, d)})"])
        if kind == "tostring":
            type_ = self.choice([INT, FLOAT, BOOL, NULL, ARRAY, MAP])
            return self.choice([f"{self.receiver(type_, d)}.toString()", f"new StringBox({self.expr(ANY, d)})"])
        if kind == "join":
            return f"{self.receiver(ARRAY, d)}.join({self.choice(SEPARATORS)})"
        return f"{self.receiver(STR, d)}.substring({self.expr(INT, d)}, {self.expr(INT, d)})"

    def bool_expr(self, depth: int) -> str:
        if depth <= 0 or self.chance(0.15):
            return self.leaf(BOOL, self.choice(["true", "false"]))
        d = depth - 1
        kind = self.choice(["compare", "compare", "compare", "equal", "logic", "logic", "not", "method"])
        if kind == "compare":
            type_ = self.choice([INT, FLOAT, STR, "mixed"])
            left, right = (self.expr(INT, d), self.expr(FLOAT, d)) if type_ == "mixed" else \
                (self.expr(type_, d), self.expr(type_, d))
            return f"({left} {self.choice(['<', '<=', '>', '>='])} {right})"
        if kind == "equal":
            left_type = self.choice([INT, FLOAT, STR, BOOL, NULL, ARRAY, ANY])
            right_type = left_type if self.chance(0.6) else self.choice([INT, FLOAT, STR, BOOL, NULL, ANY])
            return f"({self.expr(left_type, d)} {self.choice(['==', '!='])} {self.expr(right_type, d)})"
        if kind == "logic":
            operator = self.choice(["and", "or", "&&", "||"])
            left, right = (self.expr(self.choice([BOOL, BOOL, INT, STR, ANY]), d) for _ in range(2))
            return f"({left} {operator} {right})"
        if kind == "not":
            return f"({self.choice(['not ', '!'])}{self.expr(self.choice([BOOL, INT, FLOAT, ANY]), d)})"
        return self.choice([f"{self.receiver(STR, d)}.contains({self.expr(STR, d)})",
                            f"{self.receiver(STR, d)}.startsWith({self.expr(STR, d)})",
                            f"{self.receiver(STR, d)}.isEmpty()",
                            f"{self.receiver(ARRAY, d)}.contains({self.expr(ANY, d)})",
                            f"{self.receiver(MAP, d)}.has({self.choice(MAP_KEYS)})",
                            f"{self.receiver(FLOAT, d)}.isNaN()",
                            f"new BoolBox({self.expr(BOOL, d)})"])

    def null_expr(self, depth: int) -> str:
        if depth > 0 and self.chance(0.3):
            return self.choice([f"{self.receiver(MAP, depth - 1)}.get(\"missing\")", "new NullBox()"])
        return "null"

    def array_expr(self, depth: int) -> str:
        if depth <= 0 or self.chance(0.5):
            return self.leaf(ARRAY, "new ArrayBox()")
        d = depth - 1
        # The string split is capped: `a = (a + "x").split("")` in a loop would otherwise grow
        # the array's display, and with it the array, several times over per iteration.
        return self.choice([f"{self.receiver(STR, d)}.substring(0, {SPLIT_INPUT_CAP}).split({self.choice(SEPARATORS)})",
                            f"{self.receiver(MAP, d)}.keys()", f"{self.receiver(MAP, d)}.values()",
                            f"{self.receiver(ARRAY, d)}.slice({self.expr(INT, d)}, {self.expr(INT, d)})"])

    def map_expr(self, depth: int) -> str:
        return self.leaf(MAP, "new MapBox()")

    def box_expr(self, box: BoxSpec, depth: int) -> str:
        variables = self.readable(box)
        if self.body.me_box and not self.body.me_box.is_static and self.body.me_box.is_a(box) and \
                not self.body.is_constructor:
            variables.append("me")
        if variables and (depth <= 0 or self.chance(0.6)):
            return self.choice(variables)
        return self.new_expr(self.choice([candidate for candidate in self.boxes if candidate.is_a(box)]), depth - 1)

    def new_expr(self, box: BoxSpec, depth: int) -> str:
        self.body.spend(3)
        arguments = ", ".join(self.expr(type_, max(depth, 0)) for type_ in box.effective_constructor())
        return f"new {box.name}({arguments})"

    # ---- calls ----

    def call_expr(self, type_, depth: int) -> str | None:
        """A call of a lower-ranked callable returning the type (any type for None), if affordable."""
        candidates = [slot for slot in self.slots if slot.rank < self.body.rank and self.body.can_afford(slot.cost)
                      and (type_ is None or type_ == ANY or slot.returns == type_) and self.reachable(slot)]
        candidates += self.super_calls(type_)
        if not candidates:
            return None
        slot = self.choice(candidates)
        self.body.spend(slot.cost)
        depth_argument = [str(self.rng.randint(0, MAX_RECURSION_DEPTH))] if slot.recursive else []
        arguments = ", ".join(depth_argument + [self.expr(t, depth) for t in slot.params[len(depth_argument):]])
        if slot.owner is None:
            return f"{slot.name}({arguments})"
        if slot.owner.is_static:
            return f"{self.call_prefix(slot)}{slot.name}({arguments})"
        if slot.via_from:
            return f"from {slot.via_from.name}.{slot.name}({arguments})"
        return f"{self.box_expr(slot.owner, depth)}.{slot.name}({arguments})"

    def reachable(self, slot: Slot) -> bool:
        """Instance methods need a receiver; constructors make none (their rank is 0 anyway)."""
        return slot.owner is None or slot.owner.is_static or not self.body.is_constructor

    def super_calls(self, type_) -> list:
        """`from Parent.m()` calls in a method: any ancestor's method of lower rank, or the
        overridden method itself, which is non-virtual and so cannot recurse."""
        box = self.body.me_box
        if box is None or box.is_static or self.body.is_constructor or box.parent is None:
            return []
        found = []
        for ancestor in box.parent.ancestors_and_self():
            for slot in self.slots:
                if slot.owner is None or slot.owner.is_static or not ancestor.is_a(slot.owner):
                    continue
                if type_ not in (None, ANY) and slot.returns != type_:
                    continue
                is_own_override = self.body.slot is slot
                if not (slot.rank < self.body.rank or is_own_override):
                    continue
                cost = self.implementation_cost(ancestor, slot)
                if cost is not None and self.body.can_afford(cost):
                            found.append(Slot(slot.name, slot.params, slot.returns, slot.rank, slot.owner, cost,
                                      via_from=ancestor))
        return found

    def implementation_cost(self, box: BoxSpec, slot: Slot) -> int | None:
        for candidate in box.ancestors_and_self():
            if candidate in slot.implementation_costs:
                return slot.implementation_costs[candidate]
        return None


def generate(seed: int) -> str:
    return ProgramGenerator(seed).generate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, required=True, help="the program to print")
    print(generate(parser.parse_args().seed), end="")


if __name__ == "__main__":
    main()
